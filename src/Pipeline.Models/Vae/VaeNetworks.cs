namespace Pipeline.Models.Vae;

/// <summary>Builds the encoder and decoder networks of each <see cref="VaeArchitecture"/> from standard layers only.</summary>
public static class VaeNetworks
{
    /// <summary>The encoder (image → μ, log σ²) and decoder (z → logits of shape (B, C, H, W)) the options describe.</summary>
    public static (GaussianEncoder Encoder, Sequential Decoder) Build(VaeOptions options)
    {
        options.Validate();
        return options.Architecture switch
        {
            VaeArchitecture.FullyConnected => FullyConnected(options),
            VaeArchitecture.Convolutional => Convolutional(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown VAE architecture."),
        };
    }

    // The lecture's figure: 784 → 400 → (20, 20) and 20 → 400 → 784, ReLU between linear layers.
    private static (GaussianEncoder, Sequential) FullyConnected(VaeOptions o)
    {
        var trunk = Sequential(
            ("flatten", Flatten()),                          // (B, C·H·W)
            ("hidden", Linear(o.PixelCount, o.HiddenSize)),
            ("relu", ReLU()));
        var decoder = Sequential(
            ("hidden", Linear(o.LatentSize, o.HiddenSize)),
            ("relu", ReLU()),
            ("output", Linear(o.HiddenSize, o.PixelCount)),
            ("unflatten", Unflatten(1, new long[] { o.Channels, o.ImageSize, o.ImageSize }))); // (B, C, H, W)
        return (new GaussianEncoder(trunk, o.HiddenSize, o.LatentSize), decoder);
    }

    // Stride-2 4×4 convolutions halve the image until it is 7 or 8 pixels wide (28 → 14 → 7, 64 → 32 → 16 → 8),
    // doubling channels from 32; the decoder mirrors them with transposed convolutions.
    private static (GaussianEncoder, Sequential) Convolutional(VaeOptions o)
    {
        var widths = new List<int>();
        var size = o.ImageSize;
        while (size % 2 == 0 && size > 8)
        {
            widths.Add(32 << widths.Count);
            size /= 2;
        }

        var deepest = widths[^1];
        var flat = deepest * size * size;

        var trunk = Sequential();
        var inChannels = o.Channels;
        for (var i = 0; i < widths.Count; i++)
        {
            trunk.append($"conv{i}", Conv2d(inChannels, widths[i], 4, stride: 2, padding: 1));
            trunk.append($"relu{i}", ReLU());
            inChannels = widths[i];
        }

        trunk.append("flatten", Flatten());                 // (B, deepest·s·s)
        trunk.append("hidden", Linear(flat, o.HiddenSize));
        trunk.append("relu", ReLU());

        var decoder = Sequential();
        decoder.append("hidden", Linear(o.LatentSize, o.HiddenSize));
        decoder.append("relu", ReLU());
        decoder.append("project", Linear(o.HiddenSize, flat));
        decoder.append("relu_project", ReLU());
        decoder.append("unflatten", Unflatten(1, new long[] { deepest, size, size })); // (B, deepest, s, s)
        for (var i = widths.Count - 1; i >= 0; i--)
        {
            var outChannels = i == 0 ? o.Channels : widths[i - 1];
            decoder.append($"deconv{i}", ConvTranspose2d(widths[i], outChannels, 4, stride: 2, padding: 1));
            if (i > 0)
            {
                decoder.append($"derelu{i}", ReLU());
            }
        }

        return (new GaussianEncoder(trunk, o.HiddenSize, o.LatentSize), decoder); // decoder: (B, C, H, W)
    }
}
