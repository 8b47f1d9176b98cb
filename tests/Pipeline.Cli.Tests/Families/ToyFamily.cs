using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli.Families;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Tests.Families;

/// <summary>
/// A family that exists only in the tests: <c>train toy --level N</c> writes a run folder of kind "toy", and
/// <c>sample</c> on it writes a text file with the level and its own --shade. It shows that a family plugs into every
/// verb with no CLI edit.
/// </summary>
internal sealed class ToyFamily : IModelFamily
{
    public string Kind => "toy";

    public string Description => "a family for tests";

    public IReadOnlyList<Command> TrainCommands { get; } = [CreateTrain()];

    public IReadOnlyList<ICapability> Capabilities { get; } = [new ToySample()];

    private static Command CreateTrain()
    {
        var level = new Option<int>("--level") { DefaultValueFactory = _ => 1 };
        return TrainSubcommand.Create("toy", "Train nothing; write a toy run.", [level], (context, _) =>
        {
            var run = RunFolder.Create(context.Path);
            File.WriteAllText(run.ConfigPath, JsonSerializer.Serialize(new { kind = "toy", level = context.Value(level) }));
            return 0;
        });
    }

    private sealed class ToySample : ISample
    {
        private readonly Option<string> _shade = new("--shade") { DefaultValueFactory = _ => "grey" };

        public IReadOnlyList<Option> Options => [_shade];

        public void Sample(VerbContext context, int count)
        {
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(context.Path, RunFolder.ConfigFileName)));
            var level = config.RootElement.GetProperty("level").GetInt32();
            File.WriteAllText(context.Output ?? Path.Combine(context.Path, "samples.txt"), $"{count} {context.Value(_shade)} samples at level {level}");
        }
    }
}
