using Pipeline.Reports.Gallery;

namespace Pipeline.Reports.Tests.Gallery;

public sealed class GalleryCatalogTests
{
    [Fact]
    public void Refuses_a_catalog_that_is_not_json_naming_the_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File(GalleryCatalog.FileName), "models: [");

        var error = Assert.Throws<InvalidDataException>(() => GalleryCatalog.Read(temp.Path));

        Assert.Contains(temp.File(GalleryCatalog.FileName), error.Message);
    }

    [Fact]
    public void Refuses_an_entry_whose_picture_is_missing_naming_it()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("vae"));
        File.WriteAllText(temp.File(GalleryCatalog.FileName), """
            { "models": [ { "folder": "vae", "title": "VAE", "family": "VAE", "task": "z → image", "picture": "samples.png", "caption": "samples",
              "quality": [ { "figure": "test −ELBO", "value": "244.35 nats", "reference": "", "measured": "2026-12-07", "command": "x" } ], "reproduce": "x" } ] }
            """);

        var error = Assert.Throws<InvalidDataException>(() => GalleryCatalog.Read(temp.Path));

        Assert.Contains(Path.Combine(temp.Path, "vae", "samples.png"), error.Message);
    }

    [Fact]
    public void Refuses_an_entry_without_a_title()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File(GalleryCatalog.FileName), """{ "models": [ { "folder": "vae" } ] }""");

        var error = Assert.Throws<InvalidDataException>(() => GalleryCatalog.Read(temp.Path));

        Assert.Contains("'vae' lacks a field", error.Message);
    }
}
