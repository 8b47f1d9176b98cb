using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet.Measurement;

/// <summary>
/// ONNX Runtime's fp32 matrix product on this machine now: a 1024×1024 input times a 1024×1024 constant (the shape of
/// an exported model's Gemm/MatMul layer). Shared hosts run at different speeds on different days; a speed figure
/// quoted beside this one can be compared with a figure from another day by its ratio to it.
/// </summary>
public static class GemmThroughput
{
    /// <summary>Rows, columns and inner size of the product.</summary>
    public const int Size = 1024;

    /// <summary>Floating-point operations of one product: a multiply and an add per multiply-accumulate.</summary>
    public const double Flops = 2.0 * Size * Size * Size;

    /// <summary>The model y = a · b with <paramref name="b"/> (Size × Size, row-major) as its initializer; input "a", output "product".</summary>
    public static ModelProto MatMulModel(float[] b)
    {
        var graph = new OnnxGraphBuilder();
        var a = graph.AddInput("a", OnnxElementType.Float32, [Size, Size]);
        var weight = graph.AddInitializer("b", OnnxTensors.Float(string.Empty, b, [Size, Size]));
        graph.AddOutput(graph.MatMul(a, weight), "product");
        var model = new ModelProto { IrVersion = OnnxVersions.IrVersionFor(OnnxVersions.DefaultOpset), Graph = graph.Build("gemm") };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxVersions.DefaultOpset });
        return model;
    }

    /// <summary>
    /// GFLOP/s of the median of <paramref name="runs"/> products (after three untimed ones) on <paramref name="threads"/>
    /// ONNX Runtime threads (0: one per core). About a second on a two-core machine.
    /// </summary>
    public static double Measure(int threads = 0, int runs = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var random = new Random(0);
        float[] Values() => Enumerable.Range(0, Size * Size).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var runtime = OnnxRuntimeOptions.Default with { IntraOpThreads = threads };
        var (session, _) = OnnxSessions.Create("GEMM probe", MatMulModel(Values()).ToByteArray(), runtime);
        using (session)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(Values(), [Size, Size]);
            using var output = OrtValue.CreateTensorValueFromMemory(new float[Size * Size], [Size, Size]);
            using var options = new RunOptions();
            var seconds = new double[runs];
            for (var i = -3; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                session.Run(options, ["a"], [input], ["product"], [output]);
                if (i >= 0)
                {
                    seconds[i] = clock.Elapsed.TotalSeconds;
                }
            }

            Array.Sort(seconds);
            return Flops / seconds[runs / 2] / 1e9;
        }
    }
}
