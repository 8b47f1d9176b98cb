namespace Pipeline.Cli.Tests.Models;


[Collection(nameof(CliSmokeTests))]
public sealed class ModelsCliTests
{
    [Fact]
    public void Lists_every_committed_model_with_its_size_and_first_quality_figure()
    {
        var (code, text) = CliOutput.Run(["models", CommittedExports.File()]);

        Assert.Equal(0, code);
        foreach (var folder in Directory.GetDirectories(CommittedExports.File()).Where(d => Directory.GetFiles(d, "*.onnx").Length > 0))
        {
            Assert.Contains(Path.GetFileName(folder), text);
        }

        Assert.Contains("244.35 nats", text);
    }

    [Fact]
    public void Writes_both_gallery_pages_with_measured_speeds()
    {
        // Given: a models folder holding only the VAE (fast to time).
        using var temp = new TempDirectory();
        var vae = CommittedExports.File("vae-lecture");
        Directory.CreateDirectory(temp.File("models", "vae-lecture"));
        foreach (var file in Directory.GetFiles(vae))
        {
            File.Copy(file, temp.File("models", "vae-lecture", Path.GetFileName(file)));
        }

        File.WriteAllText(temp.File("models", "gallery.json"), """
            { "models": [ { "folder": "vae-lecture", "title": "VAE", "family": "VAE", "task": "z → image", "picture": "samples-mlnet.png", "caption": "samples",
              "quality": [ { "figure": "test −ELBO", "value": "244.35 nats", "reference": "", "measured": "2026-12-07", "command": "scripts/main-job.sh" } ],
              "reproduce": "scripts/main-job.sh" } ] }
            """);

        // When
        var (code, text) = CliOutput.Run(["models", temp.File("models"), "--measure", "--threads", "1", "--gallery", temp.File("docs")]);

        // Then
        Assert.True(code == 0, text);
        var page = File.ReadAllText(temp.File("docs", "gallery.md"));
        Assert.Matches(@"DecodeFromLatent: \d+ / \d+ images/s at batch 1 / 64", page);
        Assert.Contains("](../models/vae-lecture/samples-mlnet.png)", page);
        Assert.True(File.Exists(temp.File("docs", "gallery.html")));
    }

    [Fact]
    public void A_folder_without_a_catalog_is_refused_by_name()
    {
        using var temp = new TempDirectory();

        var (code, text) = CliOutput.Run(["models", temp.Path]);

        Assert.Equal(1, code);
        Assert.Contains(Path.Combine(temp.Path, "gallery.json"), text.Replace("\n", "", StringComparison.Ordinal));
    }
}
