using Google.Protobuf;
using Pipeline.Data;
using Pipeline.Export.Verification;
using Pipeline.Models;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Proto;

namespace Pipeline.Export;

/// <summary>
/// Exports TorchSharp modules to ONNX through a <see cref="ConverterRegistry"/>, then proves the file: ONNX Runtime
/// must reproduce the module's eval-mode output within <see cref="OnnxExportOptions.Tolerance"/> before the file
/// takes its final name.
/// </summary>
public static class OnnxExporter
{
    /// <summary>ONNX models are single protobuf messages, which protobuf caps at 2 GiB.</summary>
    public const long MaxInlineWeightBytes = int.MaxValue - (16L << 20);

    /// <summary>Builds the model, writes it to a temporary file, verifies it and moves it to <see cref="OnnxExportOptions.OutputPath"/>.</summary>
    /// <param name="module">The module; it is run in eval mode and every submodule's training flag is restored afterwards.</param>
    /// <param name="options">Inputs, outputs, metadata and verification settings.</param>
    /// <param name="converters">The converters to use; <see cref="ConverterRegistry.CreateDefault"/> when null.</param>
    /// <exception cref="UnsupportedModuleException">A module inside has no converter.</exception>
    /// <exception cref="OnnxVerificationException">ONNX Runtime disagrees with TorchSharp; no file is left behind.</exception>
    public static OnnxExportReport Export(nn.Module module, OnnxExportOptions options, ConverterRegistry? converters = null)
    {
        using var modes = ModuleModes.Eval(module);
        var model = BuildModel(module, options, converters);
        var path = Path.GetFullPath(options.OutputPath);
        var differences = new Dictionary<string, double>();
        AtomicFile.WriteVerified(path, model.WriteTo, written =>
        {
            if (!options.Verify)
            {
                return;
            }

            differences = OnnxRuntimeParity.Check(written, module, options, out var indexOutputs);
            var failed = differences.Where(d => !indexOutputs.Contains(d.Key) && !(d.Value <= options.Tolerance)).ToArray();
            var flipped = differences.Where(d => indexOutputs.Contains(d.Key) && !(d.Value <= options.IndexMismatchTolerance)).ToArray();
            if (failed.Length > 0 || flipped.Length > 0)
            {
                throw new OnnxVerificationException(
                    "ONNX Runtime and TorchSharp disagree: " +
                    string.Join(", ", failed.Select(d => $"'{d.Key}' max |Δ| = {d.Value:G3} (tolerance {options.Tolerance:G3})")
                        .Concat(flipped.Select(d => $"'{d.Key}' {d.Value:P3} of indices differ (tolerance {options.IndexMismatchTolerance:P3})"))) +
                    $". {path} was not written.");
            }
        });
        return new OnnxExportReport(
            path,
            module.parameters().Sum(p => p.numel()),
            options.Opset,
            new FileInfo(path).Length,
            options.Verify ? OnnxRuntimeParity.BatchSizes(options).ToArray() : [],
            differences);
    }

    /// <summary>Converts <paramref name="module"/> (in whatever mode it is in) to an in-memory model without writing or verifying it.</summary>
    public static ModelProto BuildModel(nn.Module module, OnnxExportOptions options, ConverterRegistry? converters = null) =>
        BuildModel(module, options, converters, MaxInlineWeightBytes);

    internal static ModelProto BuildModel(nn.Module module, OnnxExportOptions options, ConverterRegistry? converters, long maxWeightBytes)
    {
        ArgumentNullException.ThrowIfNull(module);
        Validate(options);
        var graph = new OnnxGraphBuilder(options.Opset);
        var context = new ExportContext(graph, converters ?? ConverterRegistry.CreateDefault(), options.ParameterPrefix);
        var inputs = options.Inputs.Select(i => graph.AddInput(i.Name, i.ElementType, i.Shape)).ToArray();
        var outputs = context.Convert(module, inputs, string.Empty);
        if (outputs.Count != options.OutputNames.Count)
        {
            throw new ArgumentException(
                $"{module.GetType().Name} produces {outputs.Count} output(s) but {options.OutputNames.Count} output name(s) were given.", nameof(options));
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            graph.AddOutput(outputs[i], options.OutputNames[i]);
        }

        if (graph.InitializerBytes > maxWeightBytes)
        {
            throw new NotSupportedException(
                $"The weights take {graph.InitializerBytes:N0} bytes, more than the {maxWeightBytes:N0} one ONNX protobuf file can hold (2 GiB); " +
                "this exporter does not write external data yet.");
        }

        var model = new ModelProto
        {
            IrVersion = OnnxVersions.IrVersionFor(options.Opset),
            ProducerName = "Pipeline.Onnx",
            ProducerVersion = OnnxVersions.ExporterVersion,
            Graph = graph.Build(options.GraphName),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = options.Opset });
        options.Rewrites.Apply(model.Graph);
        var metadata = options.Metadata with { ExporterVersion = options.Metadata.ExporterVersion ?? OnnxVersions.ExporterVersion };
        model.MetadataProps.AddRange(metadata.ToProperties().Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return model;
    }

    private static void Validate(OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Inputs.Count == 0 || options.OutputNames.Count == 0)
        {
            throw new ArgumentException("An export needs at least one input and one output name.", nameof(options));
        }

        var names = options.Inputs.Select(i => i.Name).Concat(options.OutputNames).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"Input and output names must be distinct: {string.Join(", ", names)}.", nameof(options));
        }

        if (options.Inputs.Any(i => i.Shape.Count(d => d == OnnxGraphBuilder.DynamicBatch) > 1 || i.Shape.Any(d => d < OnnxGraphBuilder.DynamicBatch || d == 0)))
        {
            throw new ArgumentException("Input shapes take positive sizes and at most one dynamic batch dimension (-1).", nameof(options));
        }

        OnnxVersions.RequireSupported(options.Opset);
    }
}
