using Microsoft.ML.OnnxRuntime;
using Pipeline.Inference;
using Pipeline.MLNet;
using Pipeline.MLNet.Sampling;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;

namespace Pipeline.Serving.Models;

/// <summary>
/// One export folder as the server sees it: the file it serves (a translator, a generator or decoder over a float
/// latent, or an autoregressive model), its tensors and pixel codecs and the one ONNX Runtime session every batch of
/// that model shares, or, for an autoregressive model, the one sampler its requests take turns with.
/// </summary>
internal sealed class ServedModel : IDisposable
{
    // A folder is served by its first file of the first of these roles: a VQ-VAE-2 export holds priors and a decoder over
    // code grids, and is an autoregressive model to its users; a VAE export's encoder is not what `generate` runs.
    private static readonly string[] s_roles =
        [OnnxMetadataKeys.Roles.Translator, OnnxMetadataKeys.Roles.Generator, OnnxMetadataKeys.Roles.Autoregressive, OnnxMetadataKeys.Roles.Decoder];

    private ServedModel(string name, string task, string file, GenerativeOnnxModel model, InferenceSession? session, AutoregressiveImageSampler? sampler)
    {
        Sampler = sampler;
        Name = name;
        Task = task.Length > 0 ? task : model.Metadata.Role!;
        File = file;
        Model = model;
        Session = session;
        Role = model.Metadata.Role!;
        if (session is null)
        {
            return;
        }

        Output = model.Outputs.First(t => t.IsImage);
        Label = model.Inputs.FirstOrDefault(i => i.ElementType == TensorProto.Types.DataType.Int64 && i.Dims.Length == 0);
        Main = model.Inputs.First(i => i != Label);
        OutputCodec = model.RequireImage(Output);
        InputCodec = IsTranslator ? model.RequireImage(Main) : null;
    }

    /// <summary>The export folder's name, which is the model's name in URLs.</summary>
    public string Name { get; }

    /// <summary>What the catalog says it does (input → output), or the role when the folder is not listed.</summary>
    public string Task { get; }

    /// <summary>The .onnx file served.</summary>
    public string File { get; }

    public string Role { get; }

    public GenerativeOnnxModel Model { get; }

    /// <summary>The session batches run on; null for an autoregressive model.</summary>
    public InferenceSession? Session { get; }

    /// <summary>A PixelCNN's or VQ-VAE-2's sampler (a chain of sessions, one step per pixel or code); null for other roles.</summary>
    public AutoregressiveImageSampler? Sampler { get; }

    /// <summary>
    /// One sampling at a time per model: a sampling already fills the cores step after step, and its sessions' buffers
    /// are not known to be safe to share between callers.
    /// </summary>
    public SemaphoreSlim SamplerTurn { get; } = new(1, 1);

    /// <summary>The latent (generator, decoder) or the source image (translator).</summary>
    public OnnxTensorInfo? Main { get; }

    /// <summary>The int64 class index of a class-conditional generator, or null.</summary>
    public OnnxTensorInfo? Label { get; }

    public OnnxTensorInfo? Output { get; }

    /// <summary>Pixels → the translator's input floats; null for other roles.</summary>
    public PixelCodec? InputCodec { get; }

    /// <summary>Output floats → pixels.</summary>
    public PixelCodec? OutputCodec { get; }

    public bool IsTranslator => Role == OnnxMetadataKeys.Roles.Translator;

    /// <summary>A generator or a decoder over a float latent: what <c>generate</c> runs.</summary>
    public bool IsLatentGenerator => Session is not null && !IsTranslator;

    public bool IsAutoregressive => Sampler is not null;

    /// <summary>Classes of a class-conditional model; 0 for an unconditional one.</summary>
    public int ClassCount => Sampler is not null ? Sampler.ClassCount ?? 0 : Label is null ? 0 : Model.Metadata.ClassCount ?? 0;

    /// <summary>Whether generate takes a class: a generator with a class input, or a class-conditional sampler.</summary>
    public bool IsConditional => Label is not null || Sampler?.ClassCount is not null;

    public IReadOnlyList<string>? ClassNames => Model.Metadata.ClassNames;

    /// <summary>The served file of <paramref name="folder"/>, with a session when it is run; null when the folder holds none of the served roles.</summary>
    public static ServedModel? Load(string folder, string task, OnnxRuntimeOptions runtime) => LoadAll(folder, task, runtime).FirstOrDefault();

    /// <summary>
    /// Every model <paramref name="folder"/> serves: its first file of the first served role, and, when that role is
    /// translator, each further translator too (a CycleGAN export holds both directions). The first keeps the folder's
    /// name; another is named <c>FOLDER-SUFFIX</c> after its file (translator-b2a.onnx → sneaker2boot-fashion28-b2a), and
    /// when a folder serves several, each one's task is its direction.
    /// </summary>
    public static IReadOnlyList<ServedModel> LoadAll(string folder, string task, OnnxRuntimeOptions runtime)
    {
        // Each file's metadata is read once: the files are whole models, and a folder may hold several.
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.onnx").Order(StringComparer.Ordinal).Select(f => (Path: f, Metadata: ExportedModelFiles.Metadata(f))).ToArray()
            : [];
        var role = s_roles.FirstOrDefault(r => files.Any(f => f.Metadata.Role == r));
        if (role is null)
        {
            return [];
        }

        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var served = files.Where(f => f.Metadata.Role == role).Take(role == OnnxMetadataKeys.Roles.Translator ? int.MaxValue : 1).ToArray();
        return [.. served.Select((f, i) => Open(folder, i == 0 ? name : $"{name}-{Suffix(f.Path)}", served.Length > 1 ? Direction(f.Metadata) ?? task : task, f.Path, runtime))];
    }

    private static ServedModel Open(string folder, string name, string task, string file, OnnxRuntimeOptions runtime)
    {
        var model = GenerativeOnnxModel.Load(file);
        var runs = model.Metadata.Role == OnnxMetadataKeys.Roles.Translator
            || (model.Inputs.Any(i => i.ElementType == TensorProto.Types.DataType.Float && i.Dims.Length == 1) && model.Outputs.Any(o => o.IsImage));
        var session = runs ? OnnxSessions.Create(model, runtime).Session : null;
        var sampler = model.Metadata.Role == OnnxMetadataKeys.Roles.Autoregressive ? AutoregressiveImageSampler.Open(folder, runtime) : null;
        return new ServedModel(name, task, file, model, session, sampler);
    }

    // translator-b2a.onnx → b2a.
    private static string Suffix(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var prefix = OnnxMetadataKeys.Roles.Translator + "-";
        return stem.StartsWith(prefix, StringComparison.Ordinal) && stem.Length > prefix.Length ? stem[prefix.Length..] : stem;
    }

    private static string? Direction(OnnxModelMetadata metadata) =>
        metadata.Extra.GetValueOrDefault(OnnxMetadataKeys.Translation.Direction)?.Replace("→", " → ", StringComparison.Ordinal);

    public void Dispose()
    {
        Session?.Dispose();
        Sampler?.Dispose();
        SamplerTurn.Dispose();
    }
}
