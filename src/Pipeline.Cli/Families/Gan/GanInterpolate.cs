using System.CommandLine;
using Pipeline.Application.Gans;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>interpolate</c>: linear or spherical walks between latents.</summary>
internal sealed class GanInterpolate : IInterpolate
{
    private readonly Option<int> _steps = new Option<int>("--steps") { Description = "images per walk", DefaultValueFactory = _ => 10 }.AtLeast(2);
    private readonly Option<bool> _spherical = new("--slerp") { Description = "spherical instead of linear interpolation" };
    private readonly Option<double?> _truncation = GanFamily.TruncationOption();

    public IReadOnlyList<Option> Options => [_steps, _spherical, _truncation];

    public void Interpolate(VerbContext context)
    {
        using var gan = GanFamily.Load(context);
        Terminal.Wrote(GanOperations.Interpolate(gan, context.Device, context.Value(_steps), context.Value(_spherical), context.Seed, context.Value(_truncation), context.Output));
    }
}
