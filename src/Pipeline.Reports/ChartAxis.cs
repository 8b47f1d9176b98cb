using System.Globalization;

namespace Pipeline.Reports;

/// <summary>A linear axis range widened to "nice" round tick values (Heckbert, Graphics Gems, 1990, "Nice numbers for graph labels").</summary>
internal sealed class ChartAxis
{
    private const int TargetTicks = 5;

    private ChartAxis(double min, double max, double step)
    {
        Min = min;
        Max = max;
        Step = step;
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    public static ChartAxis Fit(IEnumerable<double> values)
    {
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (double value in values)
        {
            if (double.IsFinite(value))
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }

        if (low > high)
        {
            (low, high) = (0, 1);
        }
        else if (low == high)
        {
            // A constant series still needs a range to draw in.
            double half = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - half, high + half);
        }

        double step = NiceNumber(NiceNumber(high - low, round: false) / (TargetTicks - 1), round: true);
        return new ChartAxis(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        int count = (int)Math.Round((Max - Min) / Step);
        for (int i = 0; i <= count; i++)
        {
            yield return Min + (i * Step);
        }
    }

    /// <summary>Maps <paramref name="value"/> from this axis onto [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public float Map(double value, float from, float to) => (float)(from + ((value - Min) / (Max - Min) * (to - from)));

    public string Format(double value)
    {
        double magnitude = Math.Max(Math.Abs(Min), Math.Abs(Max));
        if (magnitude >= 1e6 || Step < 1e-4)
        {
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        }

        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step)));
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static double NiceNumber(double value, bool round)
    {
        double exponent = Math.Floor(Math.Log10(value));
        double fraction = value / Math.Pow(10, exponent);
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }
}
