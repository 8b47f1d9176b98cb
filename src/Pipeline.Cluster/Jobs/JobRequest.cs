using Pipeline.Cluster.Hosting;

namespace Pipeline.Cluster.Jobs;

/// <summary>
/// A job as a user asks for it: an export folder or file, and either an input folder (translate it) or a count of
/// images per class (generate them). <see cref="ToSpec"/> finds the model of the job's role and makes the spec.
/// </summary>
/// <param name="Model">Export folder or .onnx file.</param>
/// <param name="Output">Folder the images go to.</param>
/// <param name="Input">Folder of images to translate; null for generation.</param>
/// <param name="Count">Generation: images per class (in all, for an unconditional model).</param>
/// <param name="Labels">Generation: the classes; null for every class of a class-conditional model.</param>
/// <param name="Seed">Generation: image i's noise comes from (seed, i) alone.</param>
public sealed record JobRequest(string Model, string Output, string? Input = null, int Count = 0, int[]? Labels = null, int Seed = 0)
{
    /// <summary>The job's spec, with the model resolved by its role; <paramref name="notes"/> hears which file was chosen.</summary>
    /// <exception cref="InvalidJobException">no model of the job's role, or labels the model lacks.</exception>
    public JobSpec ToSpec(IProgress<string>? notes = null)
    {
        var kind = Input is null ? JobKind.Generate : JobKind.Translate;
        var found = JobModel.Resolve(Model, kind, notes);
        var output = Path.GetFullPath(Output);
        return kind == JobKind.Generate
            ? JobSpec.Generation(found.File, output, found.Labels(Labels), Count, Seed)
            : JobSpec.Translation(found.File, output, TranslationInputs.List(Input!, output));
    }
}
