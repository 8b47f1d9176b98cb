using Pipeline.Cli.Families;

namespace Pipeline.Cli.Tests.Families;

// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class FamilyRegistryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-registry-" + Guid.NewGuid().ToString("N")[..8]);

    private static FamilyRegistry WithToy() => ModelFamilies.Create().Register(new ToyFamily());

    [Fact]
    public void A_registered_family_trains_and_samples_through_the_cli_without_any_cli_edit()
    {
        // Given
        var run = Path.Combine(_root, "toy");

        // When
        var trained = CliOutput.Run(["train", "toy", "--level", "7", "--out", run], WithToy());
        var sampled = CliOutput.Run(["sample", run, "--count", "3", "--shade", "teal"], WithToy());

        // Then
        Assert.Equal((0, 0), (trained.Code, sampled.Code));
        Assert.Equal("3 teal samples at level 7", File.ReadAllText(Path.Combine(run, "samples.txt")));
    }

    [Fact]
    public void A_verb_the_family_lacks_is_refused_in_one_place_naming_what_it_offers()
    {
        var run = Path.Combine(_root, "toy");
        Assert.Equal(0, CliOutput.Run(["train", "toy", "--out", run], WithToy()).Code);

        var (code, text) = CliOutput.Run(["traverse", run], WithToy());

        Assert.Equal(2, code);
        Assert.Contains("`traverse` does not apply to toy", text);
        Assert.Contains("toy offers: sample", text);
    }

    [Fact]
    public void Another_familys_option_is_refused_rather_than_ignored()
    {
        var run = Path.Combine(_root, "toy");
        Assert.Equal(0, CliOutput.Run(["train", "toy", "--out", run], WithToy()).Code);

        var (code, text) = CliOutput.Run(["sample", run, "--temperature", "0.5"], WithToy());

        Assert.Equal(2, code);
        Assert.Contains("--temperature does not apply to `sample` on a toy", text);
        Assert.Contains("its own: --shade", text);
    }

    [Fact]
    public void A_run_of_an_unknown_kind_is_an_error_listing_the_known_kinds()
    {
        var run = Path.Combine(_root, "future");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "config.json"), """{ "kind": "no-such-kind" }""");

        var (code, text) = CliOutput.Run(["sample", run]);

        Assert.Equal(2, code);
        // The shipped kinds in registration order (vae, gan, ..., onnx), so that adding a family needs no edit here.
        var known = string.Join(", ", ModelFamilies.Create().Families.Select(f => f.Kind));
        Assert.StartsWith("vae, gan, ", known);
        Assert.Contains($"'no-such-kind' run, a kind this program does not know (known: {known})", text);
    }

    [Fact]
    public void A_folder_that_is_neither_a_run_nor_an_export_is_an_error()
    {
        Directory.CreateDirectory(_root);

        var (code, text) = CliOutput.Run(["sample", _root]);

        Assert.Equal(2, code);
        Assert.Contains("neither a run folder", text);
    }

    [Fact]
    public void The_registry_refuses_a_second_family_of_the_same_kind_or_train_name()
    {
        var registry = ModelFamilies.Create().Register(new ToyFamily());

        var sameKind = Assert.Throws<InvalidOperationException>(() => registry.Register(new ToyFamily()));

        Assert.Contains("'toy' is already registered", sameKind.Message);
    }

    [Fact]
    public void Help_of_a_verb_lists_the_families_offering_it()
    {
        var (code, text) = CliOutput.Run(["sample", "--help"], WithToy());

        Assert.Equal(0, code);
        // Every shipped family offers sample, the toy too, in registration order.
        var offering = string.Join(", ", WithToy().Offering<Pipeline.Cli.Families.Capabilities.ISample>().Select(o => o.Family.Kind));
        Assert.EndsWith("onnx, toy", offering);
        Assert.Contains($"Families: {offering}", text.ReplaceLineEndings(" "));
    }

    [Fact]
    public void Help_of_evaluate_says_what_each_registered_family_measures()
    {
        var (code, text) = CliOutput.Run(["evaluate", "--help"]);

        Assert.Equal(0, code);
        var flat = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        var offering = ModelFamilies.Create().Offering<Pipeline.Cli.Families.Capabilities.IEvaluate>().ToArray();
        Assert.Contains(offering, o => o.Family.Kind == "translation");
        Assert.All(offering, o => Assert.Contains($"{o.Family.Kind}: {o.Capability.Measures}", flat));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
