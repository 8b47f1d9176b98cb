using Pipeline.Application.Settings;
using Pipeline.MLNet;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families;

/// <summary>
/// What a capability gets from its verb: the path it works on and the parsed command line, whose values it reads by
/// name (the verb's command holds one option per name, which may be another family's object with the same name and type).
/// </summary>
internal sealed class VerbContext(string path, ParseResult parse, Option<string?>? output, CancellationToken cancellation) : ISettingValues
{
    private readonly ParsedSettings _values = new(parse);
    private Device? _device;

    /// <summary>The run folder or exported model the verb works on (the output folder for <c>demo</c>).</summary>
    public string Path { get; } = path;

    /// <summary>--seed.</summary>
    public int Seed => Get(RuntimeSettings.Seed);

    /// <summary>--out of verbs that write one file, when given.</summary>
    public string? Output => output is null ? null : parse.GetValue(output);

    /// <summary>Ctrl+C: long jobs stop at the next step boundary.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>--device resolved (and --threads applied) on first use, so verbs on exported models never load libtorch.</summary>
    public Device Device => _device ??= RuntimeOptions.Apply(this);

    /// <summary>--device for ONNX Runtime (exported models): a GPU request falls back to the CPU with one warning; no libtorch.</summary>
    public OnnxRuntimeOptions OnnxRuntime => OnnxDevice.Options(DeviceName, Terminal.Warn);

    /// <summary>--device as given, for configs that record it.</summary>
    public string DeviceName => Get(RuntimeSettings.Device);

    /// <summary>The value of one of the family's own options.</summary>
    public T Value<T>(Option<T> option) => parse.GetValue<T>(option.Name)!;

    /// <inheritdoc />
    public T Get<T>(Setting<T> setting) => _values.Get(setting);

    /// <inheritdoc />
    public bool Given(Setting setting) => _values.Given(setting);
}
