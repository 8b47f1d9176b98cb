using System.CommandLine;
using Pipeline.Application.Gans;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>neighbours</c>: generated images beside their nearest training images.</summary>
internal sealed class GanNeighbours : INeighbours
{
    private readonly Option<int> _count = new Option<int>("--count") { Description = "generated images (rows)", DefaultValueFactory = _ => 10 }.AtLeast(1);
    private readonly Option<int> _k = new Option<int>("--k") { Description = "neighbours per image", DefaultValueFactory = _ => 5 }.AtLeast(1);

    public IReadOnlyList<Option> Options => [_count, _k];

    public void Neighbours(VerbContext context)
    {
        using var gan = GanFamily.Load(context);
        Terminal.Wrote(GanOperations.Neighbours(gan, context.Device, context.Value(_count), context.Value(_k), context.Seed, context.Output));
    }
}
