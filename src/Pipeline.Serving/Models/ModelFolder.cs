using Pipeline.MLNet;
using Pipeline.Reports.Gallery;

namespace Pipeline.Serving.Models;

/// <summary>
/// The models of a folder, by name: the folders its <c>gallery.json</c> lists (in its order, with its task
/// descriptions), or every subfolder holding a served model when it has no catalog.
/// </summary>
internal sealed class ModelFolder : IDisposable
{
    private readonly Dictionary<string, ServedModel> _byName;

    private ModelFolder(IReadOnlyList<ServedModel> models)
    {
        Models = models;
        _byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>In the catalog's order.</summary>
    public IReadOnlyList<ServedModel> Models { get; }

    public static ModelFolder Load(string folder, OnnxRuntimeOptions runtime, IProgress<string>? notes)
    {
        IEnumerable<(string Folder, string? Task)> entries = File.Exists(Path.Combine(folder, GalleryCatalog.FileName))
            ? GalleryCatalog.Read(folder).Models.Select(e => (Path.Combine(folder, e.Folder), (string?)e.Task))
            : Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Select(d => (d, (string?)null));
        var models = new List<ServedModel>();
        foreach (var (path, task) in entries)
        {
            var served = ServedModel.LoadAll(path, task ?? string.Empty, runtime);
            if (served.Count == 0)
            {
                notes?.Report($"{path}: no translator, generator, decoder or autoregressive model; not served.");
                continue;
            }

            foreach (var model in served)
            {
                notes?.Report($"{model.Name}: {model.Role} {Path.GetFileName(model.File)}{(model.IsAutoregressive ? $" ({model.Sampler!.Family} sampler, not batched)" : string.Empty)}");
                models.Add(model);
            }
        }

        if (models.Count == 0)
        {
            throw new InvalidDataException($"{folder}: no export folder with a model to serve; expected subfolders written by `pipeline export`.");
        }

        return new ModelFolder(models);
    }

    public ServedModel? Find(string name) => _byName.GetValueOrDefault(name);

    public void Dispose()
    {
        foreach (var model in Models)
        {
            model.Dispose();
        }
    }
}
