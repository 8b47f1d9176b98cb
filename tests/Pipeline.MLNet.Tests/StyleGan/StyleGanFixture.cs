using Microsoft.ML.Data;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using Pipeline.Models.StyleGan;
using static TorchSharp.torch;

namespace Pipeline.MLNet.Tests.StyleGan;

/// <summary>A tiny class-conditional StyleGAN2 generator with non-trivial noise and class centres, exported once.</summary>
public sealed class StyleGanFixture : IDisposable
{
    public const int Latent = 16, Style = 16, Layers = 8, Classes = 10;

    /// <summary>ψ the files use when it is not fed.</summary>
    public const double DefaultTruncation = 0.8;

    public StyleGanFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pipeline-mlnet-stylegan-").FullName;
        manual_seed(61);
        Generator = new StyleGenerator(StyleGanOptions.Fashion32 with { LatentSize = Latent, StyleSize = Style, MappingLayers = 2, MaxWidth = 32, MinWidth = 8 });
        using (no_grad())
        {
            foreach (var layer in Generator.Synthesis.Layers)
            {
                layer.NoiseStrength.fill_(0.4);
            }

            Generator.TrackAverage(randn(Classes, Style), arange(Classes, ScalarType.Int64), beta: 0);
        }

        Files = StyleGanOnnxExport.Export(Generator, Directory, "mlnet-stylegan", DefaultTruncation);
        Generator.eval();
        Generator.Synthesis.NoiseMode = NoiseMode.Fixed;
    }

    public string Directory { get; }

    public StyleGenerator Generator { get; }

    public StyleGanOnnxFiles Files { get; }

    public string File(string name) => Path.Combine(Directory, name);

    /// <summary>TorchSharp's w = Map(z, labels, ψ) (B, W), one row per latent.</summary>
    public float[][] Styles(IReadOnlyList<StyleRow> rows, double truncation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Rows(Generator.Map(Latents(rows, r => r.Z), Labels(rows), truncation).select(1, 0));
    }

    /// <summary>TorchSharp's image in [0, 1] for two ws mixed at <paramref name="crossover"/>, one row per pair.</summary>
    public float[][] Mixed(float[][] first, float[][] second, int crossover)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ws = StyleGenerator.Mix(Generator.Broadcast(Matrix(first)), Generator.Broadcast(Matrix(second)), crossover);
        return Rows(DcganGenerator.ToUnitRange(Generator.Synthesize(ws)));
    }

    /// <summary>TorchSharp's image in [0, 1] from (z, label) with ψ.</summary>
    public float[][] Generated(IReadOnlyList<StyleRow> rows, double truncation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Rows(DcganGenerator.ToUnitRange(Generator.Generate(Latents(rows, r => r.Z), Labels(rows), truncation)));
    }

    public static StyleRow[] RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        float Draw() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return Enumerable.Range(0, count).Select(i => new StyleRow
        {
            Z = Enumerable.Range(0, Latent).Select(_ => Draw()).ToArray(),
            OtherZ = Enumerable.Range(0, Latent).Select(_ => Draw()).ToArray(),
            Label = (i * 3) % Classes,
        }).ToArray();
    }

    public void Dispose()
    {
        Generator.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static Tensor Latents(IReadOnlyList<StyleRow> rows, Func<StyleRow, float[]> pick) => Matrix(rows.Select(pick).ToArray());

    private static Tensor Labels(IReadOnlyList<StyleRow> rows) => tensor(rows.Select(r => (long)r.Label).ToArray());

    private static Tensor Matrix(float[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    private static float[][] Rows(Tensor x)
    {
        var flat = x.reshape(x.shape[0], -1).contiguous();
        return Enumerable.Range(0, (int)flat.shape[0]).Select(i => flat[i].data<float>().ToArray()).ToArray();
    }
}

/// <summary>Two latents and a class per row.</summary>
public sealed class StyleRow
{
    [VectorType(StyleGanFixture.Latent)]
    public float[] Z { get; set; } = [];

    [VectorType(StyleGanFixture.Latent)]
    public float[] OtherZ { get; set; } = [];

    public int Label { get; set; }
}
