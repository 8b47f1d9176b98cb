using Pipeline.Application.Training;

namespace Pipeline.Application.Tests;

/// <summary>The application layer is a library any app can call: it pulls in no command-line or terminal package.</summary>
public sealed class ApplicationBoundaryTests
{
    [Fact]
    public void References_neither_the_cli_nor_its_terminal_packages()
    {
        var seen = AssemblyReferences.Closure(typeof(TrainingJob).Assembly);

        Assert.DoesNotContain("pipeline", seen);
        Assert.DoesNotContain("System.CommandLine", seen);
        Assert.DoesNotContain("Spectre.Console", seen);
        Assert.Contains("Pipeline.Training", seen);
    }
}
