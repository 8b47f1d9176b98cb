using System.Text;
using System.Text.Json;
using TorchSharp.Modules;

namespace Pipeline.Training.Checkpoints;

/// <summary>What a checkpoint says about itself, stored as JSON ahead of the tensors.</summary>
/// <param name="Kind">Model family, e.g. "vae"; a checkpoint of another kind is refused on load.</param>
/// <param name="Step">Optimisation steps completed; training resumes at this step.</param>
/// <param name="RunId">The run that wrote it.</param>
/// <param name="Modules">Names of the module states that follow, in order.</param>
/// <param name="Optimizers">Names of the optimizer states that follow the modules, in order.</param>
public sealed record CheckpointHeader(string Kind, long Step, string RunId, IReadOnlyList<string> Modules, IReadOnlyList<string> Optimizers);

/// <summary>
/// One file holding models, optimizer states and the step: magic, format version, JSON header, then TorchSharp's
/// own module and optimizer serialisations. Written to a temporary file and renamed, so an interrupted write never
/// leaves a torn checkpoint behind.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "PIPECKPT";
    private const int FormatVersion = 1;

    /// <summary>Writes <paramref name="modules"/> and <paramref name="optimizers"/> (names as keys) atomically.</summary>
    public static void Save(
        string path,
        string kind,
        long step,
        string runId,
        IReadOnlyList<(string Name, nn.Module Module)> modules,
        IReadOnlyList<(string Name, OptimizerHelper Optimizer)> optimizers)
    {
        var header = new CheckpointHeader(kind, step, runId, modules.Select(m => m.Name).ToArray(), optimizers.Select(o => o.Name).ToArray());
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(header));
            foreach (var (_, module) in modules)
            {
                module.save(writer);
            }

            foreach (var (_, optimizer) in optimizers)
            {
                optimizer.save_state_dict(writer);
            }
        });
    }

    /// <summary>Reads only the header, e.g. to learn the step before building models.</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>
    /// Loads states into already-built modules and optimizers, which must be given under the names and in the order
    /// the checkpoint lists them. Throws <see cref="InvalidDataException"/> naming the file on any mismatch.
    /// </summary>
    public static CheckpointHeader Load(
        string path,
        string expectedKind,
        IReadOnlyList<(string Name, nn.Module Module)> modules,
        IReadOnlyList<(string Name, OptimizerHelper Optimizer)> optimizers)
    {
        using var reader = Open(path);
        var header = ReadHeader(reader, path);
        if (header.Kind != expectedKind)
        {
            throw new InvalidDataException($"{path}: a '{header.Kind}' checkpoint, expected '{expectedKind}'.");
        }

        RequireSameNames(path, "modules", header.Modules, modules.Select(m => m.Name).ToArray());
        var optimizerNames = optimizers.Select(o => o.Name).ToArray();
        if (optimizerNames.Length > 0)
        {
            RequireSameNames(path, "optimizers", header.Optimizers, optimizerNames);
        }

        try
        {
            foreach (var (_, module) in modules)
            {
                module.load(reader);
            }

            foreach (var (_, optimizer) in optimizers)
            {
                optimizer.load_state_dict(reader);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or EndOfStreamException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: the stored tensors do not fit this model ({ex.Message}). Was it written with other options?", ex);
        }

        return header;
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        }

        return new BinaryReader(File.OpenRead(path), Encoding.UTF8);
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
            if (magic != Magic)
            {
                throw new InvalidDataException($"{path}: not a checkpoint of this toolkit (expected the '{Magic}' signature).");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{path}: checkpoint format {version}, this build reads format {FormatVersion}.");
            }

            return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString())
                ?? throw new InvalidDataException($"{path}: empty checkpoint header.");
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException)
        {
            throw new InvalidDataException($"{path}: truncated or corrupt checkpoint header ({ex.Message}).", ex);
        }
    }

    private static void RequireSameNames(string path, string what, IReadOnlyList<string> stored, IReadOnlyList<string> given)
    {
        if (!stored.SequenceEqual(given))
        {
            throw new InvalidDataException($"{path}: holds {what} [{string.Join(", ", stored)}], expected [{string.Join(", ", given)}].");
        }
    }
}
