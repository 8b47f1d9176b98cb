using Microsoft.ML.OnnxRuntime;
using Pipeline.Cluster.Jobs;
using Pipeline.MLNet;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;

namespace Pipeline.Cluster.Inference;

/// <summary>
/// An exported model with its one ONNX Runtime session (reused by every shard on the silo: <c>Run</c> is
/// thread-safe) and the tensors a shard feeds and reads.
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private LoadedModel(GenerativeOnnxModel model, InferenceSession session)
    {
        Model = model;
        Session = session;
        Output = model.Outputs.FirstOrDefault(t => t.IsImage)
            ?? throw new ModelMisfitException($"{model.Source}: no image output [batch, C, H, W] (outputs: {string.Join(", ", model.Outputs.Select(o => $"'{o.Name}' {o.ShapeText}"))}).");
        Label = model.Inputs.FirstOrDefault(i => i.ElementType == TensorProto.Types.DataType.Int64 && i.Dims.Length == 0);
        Main = model.Inputs.FirstOrDefault(i => i != Label)
            ?? throw new ModelMisfitException($"{model.Source}: no latent or image input.");
    }

    public GenerativeOnnxModel Model { get; }

    public InferenceSession Session { get; }

    /// <summary>The latent (generator, decoder) or source image (translator).</summary>
    public OnnxTensorInfo Main { get; }

    /// <summary>The int64 class index of a class-conditional generator, or null.</summary>
    public OnnxTensorInfo? Label { get; }

    public OnnxTensorInfo Output { get; }

    public string Role => Model.Metadata.Role ?? "(none)";

    /// <summary>Loads <paramref name="path"/>; every failure is a <see cref="ModelUnavailableException"/> naming the file.</summary>
    public static LoadedModel Load(string path, OnnxRuntimeOptions runtime)
    {
        try
        {
            var model = GenerativeOnnxModel.Load(path);
            var (session, _) = OnnxSessions.Create(model, runtime);
            return new LoadedModel(model, session);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            throw new ModelUnavailableException($"cannot load {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Checks that the model can run <paramref name="job"/>: its role, inputs and labels.</summary>
    /// <exception cref="ModelMisfitException">What does not fit, naming the file.</exception>
    public void CheckFits(JobSpec job)
    {
        var expected = job.Kind == JobKind.Generate
            ? new[] { OnnxMetadataKeys.Roles.Generator, OnnxMetadataKeys.Roles.Decoder }
            : [OnnxMetadataKeys.Roles.Translator];
        if (!expected.Contains(Model.Metadata.Role, StringComparer.Ordinal))
        {
            throw new ModelMisfitException(
                $"{Model.Source}: the model's role ({OnnxMetadataKeys.Role}) is '{Role}'; a {job.Kind.ToString().ToLowerInvariant()} job needs {string.Join(" or ", expected.Select(r => $"'{r}'"))}.");
        }

        try
        {
            Model.RequireImage(Output);
            if (job.Kind == JobKind.Translate)
            {
                Model.RequireImage(Main);
                return;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new ModelMisfitException(ex.Message);
        }

        if (Main.ElementType != TensorProto.Types.DataType.Float || Main.Dims.Length != 1)
        {
            throw new ModelMisfitException($"{Model.Source}: input '{Main.Name}' is {Main.ElementType} {Main.ShapeText}; generation feeds a float latent [batch, n] (code-grid decoders are not supported).");
        }

        if (Label is null && job.Labels.Count > 0)
        {
            throw new ModelMisfitException($"{Model.Source} takes no class label, but the job asks for labels {string.Join(", ", job.Labels)}.");
        }

        if (Label is not null)
        {
            var classes = Model.Metadata.ClassCount ?? throw new ModelMisfitException($"{Model.Source}: class-conditional, but {OnnxMetadataKeys.ClassCount} is missing.");
            if (job.Labels.Count == 0)
            {
                throw new ModelMisfitException($"{Model.Source} is class-conditional ({classes} classes): give the labels to generate.");
            }

            var outOfRange = job.Labels.Where(l => l >= classes).ToArray();
            if (outOfRange.Length > 0)
            {
                throw new ModelMisfitException($"{Model.Source} has {classes} classes (0..{classes - 1}); label(s) {string.Join(", ", outOfRange)} out of range.");
            }
        }
    }

    public void Dispose() => Session.Dispose();
}
