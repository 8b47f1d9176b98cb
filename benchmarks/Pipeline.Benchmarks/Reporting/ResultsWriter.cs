using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pipeline.Data;
using Pipeline.Data.Hardware;
using Pipeline.Reports;

namespace Pipeline.Benchmarks.Reporting;

/// <summary>
/// Writes the engine and training tables of a run into RESULTS.md between two marker lines (everything else in
/// the file, e.g. the Cluster section, is kept), and one PNG per model of images/s against batch size, a line per
/// engine and thread count, beside it. Ratios are to the baseline engine of the same model, batch and thread count
/// (ONNX Runtime with pre-allocated OrtValues), so they come from one run. A quick-mode run is headed as a smoke
/// test: its numbers show that the writer works, not what the machine does.
/// </summary>
public static class ResultsWriter
{
    /// <summary>The line before the generated section.</summary>
    public const string StartMarker = "<!-- engine-results:start (written by benchmarks/Pipeline.Benchmarks; edits between the markers are replaced) -->";

    /// <summary>The line after the generated section.</summary>
    public const string EndMarker = "<!-- engine-results:end -->";

    /// <summary>Writes the section for <paramref name="summaries"/> into <paramref name="resultsFile"/> (created if absent) and the plots beside it.</summary>
    public static void Write(IEnumerable<Summary> summaries, string resultsFile, bool quick)
    {
        var cases = summaries.SelectMany(s => s.BenchmarksCases.Select(c => (Summary: s, Case: c)))
            .Where(x => x.Summary[x.Case]?.ResultStatistics is not null && ThroughputColumns.IntParameter(x.Case, "Batch") is not null)
            .ToList();
        if (cases.Count == 0)
        {
            Console.WriteLine($"// {resultsFile}: no engine or training benchmark ran; not written.");
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(resultsFile))!;
        Directory.CreateDirectory(folder);
        var section = new StringBuilder();
        section.AppendLine(StartMarker);
        section.AppendLine("## Engines and training throughput");
        section.AppendLine();
        if (quick)
        {
            section.AppendLine("**Quick-mode smoke run (`--quick`): short jobs, one batch size and thread count. These numbers only show that the benchmarks and this writer work; they are not measurements.**");
            section.AppendLine();
        }

        section.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Ratios are to the baseline row of the same model, batch size and thread count in this run; utilisation is GFLOP/s ÷ the faster fp32 GEMM 1024³ of the same run at the same thread count (rows in bf16 mixed precision: ÷ the bf16 GEMM).");
        AppendPeaks(section, summaries);
        foreach (var model in cases.GroupBy(x => Category(x.Case)))
        {
            section.AppendLine();
            section.AppendLine(CultureInfo.InvariantCulture, $"### {model.Key}");
            section.AppendLine();
            section.AppendLine("| engine | threads | batch | time per batch | images/s | vs baseline | % GEMM peak | allocated per batch |");
            section.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (summary, c) in model.OrderBy(x => ThroughputColumns.IntParameter(x.Case, "Threads")).ThenBy(x => ThroughputColumns.IntParameter(x.Case, "Batch")).ThenBy(x => x.Case.Descriptor.WorkloadMethodDisplayInfo))
            {
                var seconds = ThroughputColumns.MeanSeconds(summary, c)!.Value;
                var ratio = Baseline(summary, c) is { } baseline ? (baseline / seconds).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";
                var share = ThroughputColumns.Utilisation(summary, c) is { } u ? u.ToString("P0", CultureInfo.InvariantCulture) : "-";
                section.AppendLine(CultureInfo.InvariantCulture,
                    $"| {c.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')} | {ThroughputColumns.IntParameter(c, "Threads")} | {ThroughputColumns.IntParameter(c, "Batch")} | {Time(seconds)} | {ThroughputColumns.ImagesPerSecond(summary, c):N0} | {ratio} | {share} | {Allocated(summary, c)} |");
            }

            // A run at one batch size (--batch N) would plot single points: no picture then.
            if (model.Select(x => ThroughputColumns.IntParameter(x.Case, "Batch")).Distinct().Count() > 1)
            {
                var plot = $"{PlotPrefix(resultsFile)}{Slug(model.Key)}{(quick ? "-quick" : string.Empty)}.png";
                SavePlot(Path.Combine(folder, plot), model.Key, [.. model]);
                section.AppendLine();
                section.AppendLine(CultureInfo.InvariantCulture, $"![{model.Key}: images/s against batch size]({plot})");
            }
        }

        section.AppendLine(EndMarker);
        var existing = File.Exists(resultsFile) ? File.ReadAllText(resultsFile) : "# Benchmark results\n";
        var text = Encoding.UTF8.GetBytes(Merge(existing, section.ToString()));
        AtomicFile.Write(resultsFile, stream => stream.Write(text));
        Console.WriteLine($"// Results written to {resultsFile}");
    }

    /// <summary>
    /// <paramref name="existing"/> with its generated section replaced by <paramref name="section"/> (which ends with
    /// <see cref="EndMarker"/> and a newline), or with the section inserted after the first Markdown heading when it
    /// has none (at the end when there is no heading either). Merging the same section again changes nothing.
    /// </summary>
    public static string Merge(string existing, string section)
    {
        var start = existing.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = existing.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            return existing[..start] + section + "\n" + existing[(end + EndMarker.Length)..].TrimStart('\n');
        }

        var afterHeading = AfterFirstHeading(existing);
        if (afterHeading < 0)
        {
            return existing.TrimEnd('\n') + (existing.Length == 0 ? string.Empty : "\n\n") + section + "\n";
        }

        var head = existing[..afterHeading];
        return head + (head.EndsWith('\n') ? "\n" : "\n\n") + section + "\n" + existing[afterHeading..].TrimStart('\n');
    }

    // The index just past the first line that starts with '#' (its newline included), or −1 when no line does.
    private static int AfterFirstHeading(string text)
    {
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var next = lineEnd < 0 ? text.Length : lineEnd + 1;
            if (text[lineStart] == '#')
            {
                return next;
            }

            lineStart = next;
        }

        return -1;
    }

    // The GEMM rows have no batch, so they are not in the model tables; the peak every utilisation is divided by is shown here.
    private static void AppendPeaks(StringBuilder section, IEnumerable<Summary> summaries)
    {
        var peaks = summaries.SelectMany(s => s.BenchmarksCases.Select(c => (Summary: s, Case: c)))
            .Where(x => x.Case.Descriptor.Type == typeof(GemmPeakBenchmarks) && x.Summary[x.Case]?.ResultStatistics is not null)
            .OrderBy(x => ThroughputColumns.IntParameter(x.Case, "Threads")).ThenBy(x => x.Case.Descriptor.WorkloadMethodDisplayInfo)
            .ToList();
        if (peaks.Count == 0)
        {
            return;
        }

        section.AppendLine();
        section.AppendLine("### GEMM peak");
        section.AppendLine();
        section.AppendLine("| engine | threads | time | GFLOP/s |");
        section.AppendLine("|---|---|---|---|");
        foreach (var (summary, c) in peaks)
        {
            section.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')} | {ThroughputColumns.IntParameter(c, "Threads")} | {Time(ThroughputColumns.MeanSeconds(summary, c)!.Value)} | {ThroughputColumns.GigaFlops(summary, c):N0} |");
        }
    }

    private static void SavePlot(string path, string model, IReadOnlyList<(Summary Summary, BenchmarkCase Case)> cases)
    {
        var series = cases
            .GroupBy(x => (Engine: x.Case.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), Threads: ThroughputColumns.IntParameter(x.Case, "Threads")))
            .Select(g =>
            {
                var points = g.OrderBy(x => ThroughputColumns.IntParameter(x.Case, "Batch")).ToList();
                return new ChartSeries($"{g.Key.Engine}, {g.Key.Threads} thr",
                    [.. points.Select(x => (double)ThroughputColumns.IntParameter(x.Case, "Batch")!.Value)],
                    [.. points.Select(x => ThroughputColumns.ImagesPerSecond(x.Summary, x.Case) ?? double.NaN)]);
            })
            .ToList();
        LineChart.SavePng(path, $"{model}: images/s by batch size", "batch size", "images/s", series);
    }

    private static double? Baseline(Summary summary, BenchmarkCase c) => summary.BenchmarksCases
        .Where(b => b.Descriptor.Type == c.Descriptor.Type && b.Descriptor.Baseline && b.Parameters.DisplayInfo == c.Parameters.DisplayInfo)
        .Select(b => ThroughputColumns.MeanSeconds(summary, b))
        .FirstOrDefault();

    private static string Category(BenchmarkCase c) =>
        c.Descriptor.Type.GetCustomAttributes(typeof(BenchmarkCategoryAttribute), inherit: true).OfType<BenchmarkCategoryAttribute>().FirstOrDefault()?.Categories.FirstOrDefault()
        ?? c.Descriptor.Type.Name;

    // Managed bytes per operation from the memory diagnoser; native allocations (libtorch, ONNX Runtime) are not seen.
    private static string Allocated(Summary summary, BenchmarkCase c) =>
        summary[c]?.GcStats is { } gc && gc.GetBytesAllocatedPerOperation(c) is { } bytes
            ? bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):N1} MB" : bytes >= 1 << 10 ? $"{bytes / 1024.0:N1} KB" : $"{bytes} B"
            : "-";

    private static string Time(double seconds) => seconds >= 1e-1
        ? $"{seconds * 1e3:N0} ms"
        : seconds >= 1e-3 ? $"{seconds * 1e3:N2} ms" : $"{seconds * 1e6:N1} µs";

    // results-MODEL.png beside RESULTS.md; another file's plots carry its name (RESULTS-burner.md → results-burner-MODEL.png),
    // so that a second run written to the same folder does not replace the first one's pictures.
    private static string PlotPrefix(string resultsFile)
    {
        var stem = Path.GetFileNameWithoutExtension(resultsFile);
        return string.Equals(stem, "RESULTS", StringComparison.OrdinalIgnoreCase) ? "results-" : $"{Slug(stem)}-";
    }

    private static string Slug(string name) => new([.. name.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')]);

    private static string Machine() =>
        $"{CpuInstructionSets.Host.Describe()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
}
