using Pipeline.Benchmarks.Reporting;

namespace Pipeline.Benchmarks.Tests.Reporting;

public sealed class ResultsWriterTests
{
    private const string Cluster = "## Cluster\n\nSilos against ML.NET, written by hand.\n";

    private static string Section(string body) =>
        $"{ResultsWriter.StartMarker}\n## Engines and training throughput\n\n{body}\n{ResultsWriter.EndMarker}\n";

    [Fact]
    public void Replaces_the_section_between_the_markers_and_keeps_the_rest()
    {
        // Given a file whose generated section sits between a heading and a hand-written section
        var existing = "# Benchmark results\n\n" + Section("old numbers") + "\n" + Cluster;

        // When a new section is merged
        var merged = ResultsWriter.Merge(existing, Section("new numbers"));

        // Then only the section changed
        Assert.Equal("# Benchmark results\n\n" + Section("new numbers") + "\n" + Cluster, merged);
    }

    [Fact]
    public void Inserts_the_section_after_the_first_heading_when_the_markers_are_absent()
    {
        // Given a file without markers, with text before its first heading and a second heading after it
        var existing = "<!-- generated tables go below -->\n# Benchmark results\n\n" + Cluster;

        // When a section is merged
        var merged = ResultsWriter.Merge(existing, Section("numbers"));

        // Then it follows the first heading, one blank line on each side, and the rest is kept
        Assert.Equal("<!-- generated tables go below -->\n# Benchmark results\n\n" + Section("numbers") + "\n" + Cluster, merged);
    }

    [Theory]
    [InlineData("# Benchmark results\n\n## Cluster\n\ntext\n")]
    [InlineData("# Benchmark results\n")]
    [InlineData("# Benchmark results")]
    [InlineData("no heading at all\n")]
    [InlineData("")]
    public void Merging_the_same_section_twice_changes_nothing(string existing)
    {
        // Given a file merged once
        var once = ResultsWriter.Merge(existing, Section("numbers"));

        // When the same section is merged again
        var twice = ResultsWriter.Merge(once, Section("numbers"));

        // Then the text is the same, and the section appears once
        Assert.Equal(once, twice);
        Assert.Equal(2, twice.Split(ResultsWriter.StartMarker).Length);
    }
}
