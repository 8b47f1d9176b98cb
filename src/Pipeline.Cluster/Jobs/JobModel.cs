using Pipeline.Cluster.Hosting;
using Pipeline.Onnx;

namespace Pipeline.Cluster.Jobs;

/// <summary>
/// The model file a job names, found on the client: an export folder gives its file of the job's role (generation:
/// generator, else decoder; translation: translator). Relative paths stay relative, because each silo reads them under
/// its own --model-root; a file the client cannot see is passed on as given, and the silos check it. A model that
/// cannot serve the job is an <see cref="InvalidJobException"/>.
/// </summary>
/// <param name="File">The .onnx file as the job names it.</param>
/// <param name="Metadata">Its metadata, or null when the file is not on this machine.</param>
public sealed record JobModel(string File, OnnxModelMetadata? Metadata)
{
    /// <summary>The file of <paramref name="kind"/>'s role in the folder or file <paramref name="path"/>; a note goes to <paramref name="notes"/> when the silos must find it themselves.</summary>
    public static JobModel Resolve(string path, JobKind kind, IProgress<string>? notes = null)
    {
        var roles = kind == JobKind.Generate
            ? new[] { OnnxMetadataKeys.Roles.Generator, OnnxMetadataKeys.Roles.Decoder }
            : [OnnxMetadataKeys.Roles.Translator];
        var wanted = string.Join(" or ", roles.Select(r => $"'{r}'"));
        if (Directory.Exists(path))
        {
            var found = Directory.GetFiles(path, "*.onnx").Order(StringComparer.Ordinal).Select(f => (File: f, Metadata: Read(f))).ToArray();
            foreach (var role in roles)
            {
                if (found.FirstOrDefault(f => f.Metadata.Role == role) is { File: not null } match)
                {
                    return new JobModel(Path.Combine(path, Path.GetFileName(match.File)), match.Metadata);
                }
            }

            var seen = found.Length == 0 ? "no .onnx files" : string.Join(", ", found.Select(f => $"{Path.GetFileName(f.File)} ({f.Metadata.Role ?? "no role"})"));
            throw new InvalidJobException($"{path}: a {Verb(kind)} job needs an .onnx file with role {wanted} in its {OnnxMetadataKeys.Role} metadata; found {seen}.");
        }

        if (System.IO.File.Exists(path))
        {
            var metadata = Read(path);
            if (!roles.Contains(metadata.Role, StringComparer.Ordinal))
            {
                throw new InvalidJobException($"{path}: the model's role ({OnnxMetadataKeys.Role}) is '{metadata.Role ?? "(none)"}'; a {Verb(kind)} job needs {wanted}.");
            }

            return new JobModel(path, metadata);
        }

        if (!path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidJobException($"--model {path}: no such folder or file here. Give an export folder, or the .onnx file's path as the silos see it (relative to their --model-root).");
        }

        notes?.Report($"{path} is not on this machine; the silos read it under their --model-root.");
        return new JobModel(path, null);
    }

    /// <summary>The labels to generate: those asked for, else every class of a class-conditional model, else none.</summary>
    public IReadOnlyList<int> Labels(int[]? asked)
    {
        if (asked is { Length: > 0 })
        {
            if (Metadata is { } known && known.ClassCount is null)
            {
                throw new InvalidJobException($"--labels: {File} is not class-conditional (no {OnnxMetadataKeys.ClassCount} metadata).");
            }

            if (Metadata?.ClassCount is int classes && asked.FirstOrDefault(l => l >= classes, -1) is var bad and >= 0)
            {
                throw new InvalidJobException($"--labels {bad}: {File} has classes 0..{classes - 1}.");
            }

            return asked;
        }

        // A model the client cannot read is taken as unconditional; a silo refuses the job if it is not.
        return Metadata?.ClassCount is int count ? Enumerable.Range(0, count).ToArray() : [];
    }

    private static OnnxModelMetadata Read(string file) => OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(file)));

    private static string Verb(JobKind kind) => kind == JobKind.Generate ? "generation" : "translation";
}
