using Pipeline.MLNet;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families;

/// <summary>What a capability gets from its verb: the path it works on, the parsed command line and the runtime options.</summary>
internal sealed class VerbContext(string path, ParseResult parse, RuntimeOptions runtime, Option<string?>? output, CancellationToken cancellation)
{
    private Device? _device;

    /// <summary>The run folder or exported model the verb works on (the output folder for <c>demo</c>).</summary>
    public string Path { get; } = path;

    /// <summary>The whole command line, for option sets that read their own objects.</summary>
    public ParseResult Parse => parse;

    /// <summary>--seed.</summary>
    public int Seed => parse.GetValue(runtime.Seed);

    /// <summary>--out of verbs that write one file, when given.</summary>
    public string? Output => output is null ? null : parse.GetValue(output);

    /// <summary>Ctrl+C: long jobs stop at the next step boundary.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>--device resolved (and --threads applied) on first use, so verbs on exported models never load libtorch.</summary>
    public Device Device => _device ??= runtime.Apply(parse);

    /// <summary>--device for ONNX Runtime (exported models): a GPU request falls back to the CPU with one warning; no libtorch.</summary>
    public OnnxRuntimeOptions OnnxRuntime => OnnxDevice.Options(DeviceName, Terminal.Warn);

    /// <summary>--device as given, for configs that record it.</summary>
    public string DeviceName => parse.GetValue(runtime.Device)!;

    /// <summary>--threads as given.</summary>
    public int Threads => parse.GetValue(runtime.Threads);

    /// <summary>
    /// The value of one of the family's own options. Read by name: the verb's command holds one option per name, which
    /// may be another family's object with the same name and type.
    /// </summary>
    public T Value<T>(Option<T> option) => parse.GetValue<T>(option.Name)!;

    /// <summary>True when the user typed <paramref name="option"/> (not just its default).</summary>
    public bool Given(Option option) => parse.GetResult(option.Name) is System.CommandLine.Parsing.OptionResult { Implicit: false };
}
