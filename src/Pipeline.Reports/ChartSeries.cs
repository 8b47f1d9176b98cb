namespace Pipeline.Reports;

/// <summary>One line of a <see cref="LineChart"/>: a name for the legend and its points.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="X">The x coordinates.</param>
/// <param name="Y">The y coordinates, as many as <paramref name="X"/>; NaN or infinite points are skipped.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
