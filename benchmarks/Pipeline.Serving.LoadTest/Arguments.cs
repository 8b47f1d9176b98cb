using System.Globalization;

namespace Pipeline.Serving.LoadTest;

/// <summary>The load test's options; null from <see cref="Parse"/> when one cannot be read.</summary>
internal sealed record Arguments(string Models, string Model, int Requests, int[] Clients, int WindowMs, int MaxBatch, int Threads)
{
    public static Arguments? Parse(string[] args)
    {
        var options = new Arguments("onnx", "sneaker2boot-fashion28", 1000, [1, 8, 32], 5, 64, 0);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--models" => options with { Models = value },
                "--model" => options with { Model = value },
                "--requests" when Positive(value) is { } n => options with { Requests = n },
                "--clients" when value.Split(',').Select(Positive).ToArray() is var c && c.All(x => x is not null) => options with { Clients = c.Select(x => x!.Value).ToArray() },
                "--window-ms" when Positive(value) is { } w => options with { WindowMs = w },
                "--max-batch" when Positive(value) is { } b => options with { MaxBatch = b },
                "--threads" when int.TryParse(value, CultureInfo.InvariantCulture, out var t) && t >= 0 => options with { Threads = t },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return args.Length % 2 == 0 ? options : null;
    }

    private static int? Positive(string text) => int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
