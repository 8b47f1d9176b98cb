using Pipeline.Training.Runs;
using Pipeline.Training.Vae;

namespace Pipeline.Training.Tests.Runs;

public sealed class RunKindsTests
{
    [Theory]
    [InlineData("""{ "model": {} }""")]
    [InlineData("""{ "kind": 3 }""")]
    [InlineData("""{ "kind": "" }""")]
    [InlineData("""[]""")]
    public void A_config_without_a_kind_is_an_error_naming_the_file(string config)
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("config.json"), config);

        var error = Assert.Throws<InvalidDataException>(() => RunKinds.Of(folder.Path));

        Assert.Contains(folder.File("config.json"), error.Message);
        Assert.Contains("no \"kind\" field", error.Message);
    }

    [Fact]
    public void Opening_a_run_as_another_kind_names_both_kinds_and_how_the_needed_one_is_made()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("config.json"), """{ "kind": "gan" }""");

        var error = Assert.Throws<InvalidDataException>(() => RunKinds.Open(folder.Path, "vae", "`train vae`"));

        Assert.Equal($"{folder.Path} is a 'gan' run; this needs a 'vae' run (made by `train vae`).", error.Message);
    }

    [Fact]
    public void A_vae_runs_config_names_its_kind()
    {
        using var folder = new TempDirectory();
        var run = RunFolder.Create(folder.Path);

        run.WriteConfig(new VaeRunConfig(Pipeline.Models.Vae.VaeOptions.Lecture, new VaeTrainingOptions(), SmallData.Source(16, 16)));

        Assert.Equal(VaeRunConfig.RunKind, RunKinds.Of(folder.Path));
        Assert.Equal(VaeRunConfig.RunKind, RunKinds.Open(folder.Path, "vae", "`train vae`").ReadConfig<VaeRunConfig>().Kind);
    }
}
