using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>demo</c>, the README's main job: every registered family's demo part in registration order, each writing its
/// runs, pictures and exports under --out.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var parts = registry.Offering<IDemo>().ToArray();
        var command = new Command("demo", $"The main job: train, evaluate, draw and export each family's demo model on Fashion-MNIST and run it in ML.NET ({string.Join(", ", parts.Select(p => p.Family.Kind))}).");
        var output = new Setting<string>("--out", "folder for the runs and their exports") { Default = Path.Combine("runs", "main") }.ToOption();
        var epochs = new Setting<int>("--epochs", "epochs of each model") { Default = 10, Rule = AtLeast(1) }.ToOption();
        var trainLimit = new Setting<int?>("--train-limit", "use only the first N training images (quick look)").ToOption();
        var testLimit = new Setting<int?>("--test-limit", "use only the first N test images (quick look)").ToOption();
        RuntimeOptions.AddTo(command);
        foreach (Option option in new Option[] { output, epochs, trainLimit, testLimit })
        {
            command.Options.Add(option);
        }

        FamilyVerb<IDemo>.AddFamilyOptions(registry, command);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var settings = new DemoSettings(r.GetValue(epochs), r.GetValue(trainLimit), r.GetValue(testLimit));
            using var ctrlC = new CtrlC();
            var context = new VerbContext(r.GetValue(output)!, r, null, ctrlC.Token);
            foreach (var (_, part) in parts)
            {
                var code = part.Demo(context, settings);
                if (code != 0)
                {
                    return code;
                }
            }

            return 0;
        }));
        return command;
    }
}
