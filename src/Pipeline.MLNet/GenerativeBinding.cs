using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet;

/// <summary>What a graph input holds, which decides the column types it accepts and how a saved chain feeds it.</summary>
internal enum InputKind
{
    /// <summary>float [batch, ...]: a latent vector or an image.</summary>
    FloatTensor,

    /// <summary>int64 [batch]: one class index per row.</summary>
    ClassIndex,

    /// <summary>int64 [batch, H, W] (any rank ≥ 1 after the batch): a grid of code indices, e.g. VQ-VAE-2 codes.</summary>
    IndexGrid,
}

/// <summary>A graph input fed from a column.</summary>
internal sealed record InputBinding(string Onnx, string Column, InputKind Kind = InputKind.FloatTensor);

/// <summary>A graph output written to a column.</summary>
internal sealed record OutputBinding(string Onnx, string Column);

/// <summary>z = mean + exp(log_var / 2) · ε written to <see cref="Column"/>.</summary>
internal sealed record SamplingBinding(string Mean, string LogVariance, string Column, int Seed);

/// <summary>
/// Which columns feed which graph inputs and receive which outputs: everything a transformer needs besides the ONNX
/// bytes. It travels inside the saved graph's metadata (<see cref="MetadataKey"/>), which is how a loaded chain is
/// recognised and re-accelerated.
/// </summary>
internal sealed record GenerativeBinding(
    string Role,
    IReadOnlyList<InputBinding> Inputs,
    IReadOnlyList<OutputBinding> Outputs,
    IReadOnlyList<OutputBinding> Images,
    SamplingBinding? Sampling = null)
{
    public const string MetadataKey = OnnxMetadataKeys.Prefix + "mlnet.binding";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter<InputKind>() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GenerativeBinding FromJson(string json) =>
        JsonSerializer.Deserialize<GenerativeBinding>(json, Json) ?? throw new InvalidDataException("Empty binding.");

    /// <summary>A decoder or generator: latent (+ label) → image; a translator: image → image.</summary>
    public static GenerativeBinding ForImages(GenerativeOnnxModel model, GenerateImagesOptions o)
    {
        var role = model.RequireRole(OnnxMetadataKeys.Roles.Decoder, OnnxMetadataKeys.Roles.Generator, OnnxMetadataKeys.Roles.Translator);
        var labels = model.Inputs.Where(i => KindOf(i) == InputKind.ClassIndex).ToArray();
        var data = model.Inputs.Where(i => KindOf(i) != InputKind.ClassIndex).ToArray();
        var grids = data.Length > 1 && data.All(i => KindOf(i) == InputKind.IndexGrid) && role == OnnxMetadataKeys.Roles.Decoder;
        if ((data.Length != 1 && !grids) || labels.Length > 1 || model.Inputs.Any(i => i.ElementType is not (TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Int64)))
        {
            throw new InvalidDataException($"{model.Source}: expected one float input, or int64 index grids (several for a decoder, e.g. VQ-VAE-2's top and bottom codes), and at most one int64 class input [batch]; found {Describe(model.Inputs)}.");
        }

        var columns = DataColumns(model, data, o);
        var main = data[0];
        if (role == OnnxMetadataKeys.Roles.Translator)
        {
            model.RequireImage(main);
        }
        else if (KindOf(main) == InputKind.FloatTensor)
        {
            RequireLatent(model, main);
        }

        var inputs = data.Select((d, i) => new InputBinding(d.Name, columns[i], KindOf(d))).ToList();
        if (labels.Length == 1)
        {
            if (o.LabelColumnName is null)
            {
                throw new ArgumentException($"{model.Source} is class-conditional (input '{labels[0].Name}', {model.Metadata.ClassCount?.ToString() ?? "?"} classes): set LabelColumnName.", nameof(o));
            }

            _ = model.Metadata.ClassCount ?? throw model.MissingMetadata(OnnxMetadataKeys.ClassCount, "the number of classes");
            inputs.Add(new InputBinding(labels[0].Name, o.LabelColumnName, InputKind.ClassIndex));
        }
        else if (o.LabelColumnName is not null)
        {
            throw new ArgumentException($"{model.Source} takes no class label (inputs: {Describe(model.Inputs)}), but LabelColumnName is '{o.LabelColumnName}'.", nameof(o));
        }

        var image = model.Outputs.FirstOrDefault(t => t.IsImage)
            ?? throw new InvalidDataException($"{model.Source}: no image output [batch, C, H, W] (outputs: {Describe(model.Outputs)}).");
        model.RequireImage(image);
        IReadOnlyList<OutputBinding> images = o.ImageColumnName is null ? [] : [new(image.Name, o.ImageColumnName)];
        return new GenerativeBinding(role, inputs, [new(image.Name, o.OutputColumnName)], images);
    }

    /// <summary>An encoder to code grids: image → one int64 grid per output (VQ-VAE-2: top and bottom codes).</summary>
    public static GenerativeBinding ForCodes(GenerativeOnnxModel model, EncodeToCodesOptions o)
    {
        var role = model.RequireRole(OnnxMetadataKeys.Roles.Encoder);
        if (model.Inputs.Count != 1 || model.Outputs.Count == 0 || model.Outputs.Any(t => KindOf(t) != InputKind.IndexGrid))
        {
            throw new InvalidDataException($"{model.Source}: an encoder to codes has one image input and int64 code-grid outputs [batch, H, W]; found inputs {Describe(model.Inputs)}, outputs {Describe(model.Outputs)}.");
        }

        if (o.OutputColumnNames is null || o.OutputColumnNames.Count != model.Outputs.Count)
        {
            throw new ArgumentException($"{model.Source} has {model.Outputs.Count} code grids ({Describe(model.Outputs)}): give one OutputColumnNames entry for each, in that order; got {o.OutputColumnNames?.Count ?? 0}.", nameof(o));
        }

        model.RequireImage(model.Inputs[0]);
        return new GenerativeBinding(role, [new(model.Inputs[0].Name, o.InputColumnName)],
            model.Outputs.Select((t, i) => new OutputBinding(t.Name, o.OutputColumnNames[i])).ToArray(), []);
    }

    /// <summary>A decoder from code grids: one int64 grid per input (VQ-VAE-2: top, bottom) → image.</summary>
    public static GenerativeBinding ForCodeDecoder(GenerativeOnnxModel model, DecodeFromCodesOptions o)
    {
        model.RequireRole(OnnxMetadataKeys.Roles.Decoder);
        if (model.Inputs.Count == 0 || model.Inputs.Any(i => KindOf(i) != InputKind.IndexGrid))
        {
            throw new InvalidDataException($"{model.Source}: a decoder from codes takes int64 code grids [batch, H, W] only; found {Describe(model.Inputs)}.");
        }

        return ForImages(model, new GenerateImagesOptions
        {
            ModelFile = o.ModelFile,
            OutputColumnName = o.OutputColumnName,
            InputColumnNames = o.InputColumnNames,
            ImageColumnName = o.ImageColumnName,
        });
    }

    /// <summary>A VAE encoder: image → mean, log_var (and optionally a sample).</summary>
    public static GenerativeBinding ForEncoder(GenerativeOnnxModel model, EncodeToLatentOptions o)
    {
        var role = model.RequireRole(OnnxMetadataKeys.Roles.Encoder);
        if (model.Inputs.Count != 1 || model.Outputs.Count != 2)
        {
            throw new InvalidDataException($"{model.Source}: an encoder has one image input and two outputs (mean, log_var); found inputs {Describe(model.Inputs)}, outputs {Describe(model.Outputs)}.");
        }

        model.RequireImage(model.Inputs[0]);
        var mean = model.Outputs.FirstOrDefault(t => t.Name == "mean") ?? model.Outputs[0];
        var logVar = model.Outputs.First(t => t != mean);
        RequireLatent(model, mean);
        RequireLatent(model, logVar);
        var sampling = o.SampledLatentColumnName is null ? null : new SamplingBinding(mean.Name, logVar.Name, o.SampledLatentColumnName, o.Seed);
        return new GenerativeBinding(role, [new(model.Inputs[0].Name, o.InputColumnName)],
            [new(mean.Name, o.MeanColumnName), new(logVar.Name, o.LogVarianceColumnName)], [], sampling);
    }

    /// <summary>A VAE decoder: z → image.</summary>
    public static GenerativeBinding ForDecoder(GenerativeOnnxModel model, DecodeFromLatentOptions o)
    {
        model.RequireRole(OnnxMetadataKeys.Roles.Decoder);
        return ForImages(model, new GenerateImagesOptions
        {
            ModelFile = o.ModelFile,
            OutputColumnName = o.OutputColumnName,
            InputColumnName = o.InputColumnName,
            ImageColumnName = o.ImageColumnName,
        });
    }

    /// <summary>A translator: image → image (an <c>MLImage</c> column, or a float vector when the input is one).</summary>
    public static GenerativeBinding ForTranslator(GenerativeOnnxModel model, TranslateImagesOptions o)
    {
        var role = model.RequireRole(OnnxMetadataKeys.Roles.Translator);
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1)
        {
            throw new InvalidDataException($"{model.Source}: a translator has one image input and one image output; found inputs {Describe(model.Inputs)}, outputs {Describe(model.Outputs)}.");
        }

        model.RequireImage(model.Inputs[0]);
        model.RequireImage(model.Outputs[0]);
        return new GenerativeBinding(role, [new(model.Inputs[0].Name, o.InputColumnName ?? o.OutputColumnName)], [], [new(model.Outputs[0].Name, o.OutputColumnName)]);
    }

    /// <summary>int64 [batch] is a class index, int64 with more dimensions an index grid, anything else a float tensor.</summary>
    public static InputKind KindOf(OnnxTensorInfo tensor) => tensor.ElementType != TensorProto.Types.DataType.Int64
        ? InputKind.FloatTensor
        : tensor.Dims.Length == 0 ? InputKind.ClassIndex : InputKind.IndexGrid;

    // One column per data input: InputColumnNames when given (required for several), else InputColumnName.
    private static string[] DataColumns(GenerativeOnnxModel model, OnnxTensorInfo[] data, GenerateImagesOptions o)
    {
        if (o.InputColumnNames is { } names)
        {
            if (names.Count != data.Length)
            {
                throw new ArgumentException($"{model.Source} has {data.Length} input(s) besides the class ({Describe(data)}): InputColumnNames must name one column for each, in that order; got {names.Count}.", nameof(o));
            }

            return names.ToArray();
        }

        if (data.Length > 1)
        {
            throw new ArgumentException($"{model.Source} has {data.Length} inputs ({Describe(data)}): set InputColumnNames to one column for each, in that order.", nameof(o));
        }

        return [o.InputColumnName ?? o.OutputColumnName];
    }

    private static void RequireLatent(GenerativeOnnxModel model, OnnxTensorInfo tensor)
    {
        var size = model.Metadata.LatentSize ?? throw model.MissingMetadata(OnnxMetadataKeys.LatentSize, "the latent dimension");
        // [Z] or, as DCGAN-style generators take it, [Z, 1, 1]: the same Z values per row either way.
        if (tensor.Dims.Length == 0 || tensor.Dims[0] != size || tensor.Dims.Skip(1).Any(d => d != 1))
        {
            throw new InvalidDataException($"{model.Source}: tensor '{tensor.Name}' has shape {tensor.ShapeText}, but {OnnxMetadataKeys.LatentSize} is {size}.");
        }
    }

    private static string Describe(IEnumerable<OnnxTensorInfo> tensors) =>
        string.Join(", ", tensors.Select(t => $"'{t.Name}' {t.ElementType} {t.ShapeText}"));
}
