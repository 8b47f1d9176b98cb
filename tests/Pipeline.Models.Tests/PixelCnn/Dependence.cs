using static TorchSharp.torch;

namespace Pipeline.Models.Tests.PixelCnn;

/// <summary>Which input positions an output position depends on, read from gradients: |∂ output(i, j) / ∂ input| summed over channels.</summary>
internal static class Dependence
{
    /// <summary>
    /// Runs <paramref name="network"/> on random features (1, C, H, W) and returns, for output position (i, j), the
    /// (H, W) map of gradient magnitudes with respect to every input position.
    /// </summary>
    public static double[,] Of(Func<Tensor, Tensor> network, long channels, int height, int width, int i, int j, long seed = 3)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var input = randn([1, channels, height, width], generator: generator).requires_grad_();
        var output = network(input);                        // (1, C', H, W)
        output[0, .., i, j].sum().backward();
        var magnitude = input.grad!.abs().sum(1)[0].to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var map = new double[height, width];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                map[r, c] = magnitude[(r * width) + c];
            }
        }

        return map;
    }

    /// <summary>The positions whose gradient is nonzero where <paramref name="mustBeZero"/> holds or zero where <paramref name="mustBeNonZero"/> holds; empty when all is as expected.</summary>
    public static string Violations(double[,] map, Func<int, int, bool> mustBeZero, Func<int, int, bool> mustBeNonZero)
    {
        var wrong = new List<string>();
        for (var r = 0; r < map.GetLength(0); r++)
        {
            for (var c = 0; c < map.GetLength(1); c++)
            {
                if (mustBeZero(r, c) && map[r, c] != 0)
                {
                    wrong.Add($"({r},{c}) should be 0, is {map[r, c]:G3}");
                }

                if (mustBeNonZero(r, c) && map[r, c] == 0)
                {
                    wrong.Add($"({r},{c}) should be nonzero");
                }
            }
        }

        return string.Join("; ", wrong);
    }
}
