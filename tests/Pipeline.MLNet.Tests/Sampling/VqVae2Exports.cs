using Google.Protobuf;
using Pipeline.Export.Families;
using Pipeline.Models.PixelCnn;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.MLNet.Tests.Sampling;

/// <summary>
/// A tiny random-initialised VQ-VAE-2 export folder as the contract with the priors' export describes it: encoder and
/// decoder from VqVae2OnnxExport, top-prior.onnx and bottom-prior.onnx from PixelCnnOnnxExport (family vqvae2) with the
/// level key; and the TorchSharp chain's images for comparison.
/// </summary>
internal sealed class VqVae2Exports : IDisposable
{
    public const int Classes = 3;

    private readonly VqVae2Autoencoder _model;
    private readonly PixelCnn _top;
    private readonly PixelCnn _bottom;

    /// <param name="folder">where the four files go</param>
    /// <param name="guidable">priors with the "no class" label (trained with class dropout), so that sampling may be guided</param>
    public VqVae2Exports(string folder, bool guidable = false)
    {
        Folder = folder;
        // 28 px at stride 4: a 4×4 top grid over a 7×7 bottom grid, 16 codes per level.
        _model = VqVae2Autoencoder.Create(new VqVae2Options(BottomStride: 4, HiddenChannels: 8, ResidualChannels: 4, ResidualBlocks: 1, CodebookSize: 16, CodeDim: 4));
        _model.eval();
        CentreOutput(_model);
        var o = _model.Options;
        _top = new PixelCnn(PixelCnnOptions.CodePrior(o.CodebookSize, o.TopGrid, o.TopGrid, Classes) with { Channels = 8, Layers = 2, OutputChannels = 8, InputEmbeddingSize = 4, UnconditionalLabel = guidable });
        _bottom = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(o.CodebookSize, o.BottomGrid, o.BottomGrid, o.CodebookSize, o.TopGrid, o.TopGrid, Classes) with
        {
            Channels = 8, Layers = 2, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 4, UnconditionalLabel = guidable,
        });
        Randomise(_top);
        Randomise(_bottom);
        VqVae2OnnxExport.Export(_model, folder, "run-vq", classCount: Classes);
        WithLevel(PixelCnnOnnxExport.Export(_top, folder, "run-top", modelFamily: "vqvae2", fileName: "top-prior.onnx").Path, "top");
        WithLevel(PixelCnnOnnxExport.Export(_bottom, folder, "run-bottom", modelFamily: "vqvae2", fileName: "bottom-prior.onnx").Path, "bottom");
    }

    public string Folder { get; }

    /// <summary>Images in [0, 1] (N·1·28·28) by the TorchSharp chain: PixelCnnSampler per level with the level streams, then DecodeCodes.</summary>
    public float[] TorchSharpImages(long[] seeds, long[] labels, CategoricalSampling sampling)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var label = tensor(labels);
        var top = PixelCnnSampler.Sample(_top, seeds.Select(s => SampleStreams.ForLevel(s, 0)).ToArray(), label, null, sampling, CPU);
        var bottom = PixelCnnSampler.Sample(_bottom, seeds.Select(s => SampleStreams.ForLevel(s, 1)).ToArray(), label, top, sampling, CPU);
        return _model.DecodeCodes(top, bottom).clamp(0, 1).reshape(-1).data<float>().ToArray();
    }

    /// <summary>Rewrites one metadata value of a file in the folder (to test disagreements).</summary>
    public void SetMetadata(string file, string key, string value)
    {
        var path = Path.Combine(Folder, file);
        var model = OnnxFile.Read(path);
        var entry = model.MetadataProps.FirstOrDefault(p => p.Key == key);
        if (entry is null)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        else
        {
            entry.Value = value;
        }

        File.WriteAllBytes(path, model.ToByteArray());
    }

    public void Dispose()
    {
        _model.Dispose();
        _top.Dispose();
        _bottom.Dispose();
    }

    private void WithLevel(string path, string level) => SetMetadata(Path.GetFileName(path), OnnxMetadataKeys.Prefix + "autoregressive.level", level);

    /// <summary>Class biases start at zero; random ones make the class matter.</summary>
    // A random decoder's last bias may push every pixel below 0, and [0, 1] clipping then makes every image black, so
    // that images could not tell classes or seeds apart: centre the output at 0.5 whatever the draw of the weights.
    private static void CentreOutput(VqVae2Autoencoder model)
    {
        using var noGrad = no_grad();
        var last = (TorchSharp.Modules.ConvTranspose2d)model.Decoder.children().Last();
        last.bias!.fill_(0.5);
    }

    public static void Randomise(PixelCnn net)
    {
        using var noGrad = no_grad();
        foreach (var layer in net.Layers.Where(l => l.ClassVertical is not null))
        {
            layer.ClassVertical!.weight!.normal_();
            layer.ClassHorizontal!.weight!.normal_();
        }
    }
}
