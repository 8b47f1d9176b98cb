using System.Text.Json;

namespace Pipeline.Reports.Gallery;

/// <summary>
/// What a models folder says of its models in <c>gallery.json</c>: for each model folder, its title, family, task,
/// picture and the quality figures with the command and date that measured them. File sizes, roles and speeds are not
/// written there: they are read and measured from the files themselves.
/// </summary>
/// <param name="Models">One entry per model folder, in the order the gallery shows them.</param>
public sealed record GalleryCatalog(IReadOnlyList<GalleryEntry> Models)
{
    /// <summary>The catalog's file name inside a models folder.</summary>
    public const string FileName = "gallery.json";

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads <c>gallery.json</c> of <paramref name="modelsFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">the folder has no catalog.</exception>
    /// <exception cref="InvalidDataException">the catalog is not valid, or an entry lacks a field or names a folder or picture that is not there.</exception>
    public static GalleryCatalog Read(string modelsFolder)
    {
        var path = Path.Combine(modelsFolder, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no model catalog; write one entry per model folder (see docs/gallery.md).", path);
        }

        GalleryCatalog? catalog;
        try
        {
            catalog = JsonSerializer.Deserialize<GalleryCatalog>(File.ReadAllText(path), s_json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a model catalog ({ex.Message}).", ex);
        }

        if (catalog?.Models is not { Count: > 0 })
        {
            throw new InvalidDataException($"{path}: expected {{\"models\": [...]}} with at least one entry.");
        }

        foreach (var entry in catalog.Models)
        {
            entry.Check(path, modelsFolder);
        }

        return catalog;
    }
}

/// <summary>One model of the catalog.</summary>
/// <param name="Folder">Its folder inside the models folder.</param>
/// <param name="Title">A short name for people.</param>
/// <param name="Family">The model family and its paper.</param>
/// <param name="Task">Input → output.</param>
/// <param name="Picture">The picture file inside its folder.</param>
/// <param name="Caption">What the picture shows.</param>
/// <param name="Quality">Quality figures, each with what to compare it with and how it was measured.</param>
/// <param name="Reproduce">The commands that make the model again.</param>
public sealed record GalleryEntry(string Folder, string Title, string Family, string Task, string Picture, string Caption,
    IReadOnlyList<GalleryFigure> Quality, string Reproduce)
{
    internal void Check(string catalog, string modelsFolder)
    {
        string?[] required = [Folder, Title, Family, Task, Picture, Caption, Reproduce];
        if (required.Any(string.IsNullOrWhiteSpace) || Quality is null || Quality.Any(q => q is null || string.IsNullOrWhiteSpace(q.Value)))
        {
            throw new InvalidDataException($"{catalog}: the entry of '{Folder}' lacks a field (folder, title, family, task, picture, caption, quality values, reproduce are all required).");
        }

        var picture = Path.Combine(modelsFolder, Folder, Picture);
        if (!File.Exists(picture))
        {
            throw new InvalidDataException($"{catalog}: the entry of '{Folder}' names {picture}, which does not exist.");
        }
    }
}

/// <summary>One quality figure of a model.</summary>
/// <param name="Figure">What is measured, e.g. "test −ELBO".</param>
/// <param name="Value">The measured value with its unit.</param>
/// <param name="Reference">What to compare it with (a baseline also run, a paper's figure).</param>
/// <param name="Measured">The date it was measured (yyyy-MM-dd).</param>
/// <param name="Command">The command that measured it.</param>
public sealed record GalleryFigure(string Figure, string Value, string Reference, string Measured, string Command);
