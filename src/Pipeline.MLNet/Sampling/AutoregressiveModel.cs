using System.Globalization;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet.Sampling;

/// <summary>The spatial condition grid an autoregressive model takes (VQ-VAE-2's bottom prior: the top codes).</summary>
internal sealed record ConditionGrid(int Levels, int Height, int Width)
{
    public int Size => Height * Width;
}

/// <summary>
/// An exported autoregressive model (role <c>autoregressive</c>, written by <c>PixelCnnOnnxExport</c>) read without
/// ONNX Runtime: the grid it models, its levels, classes and condition grid from the metadata, each checked against the
/// graph's inputs and output, with errors that name the file and the key.
/// </summary>
internal sealed class AutoregressiveModel
{
    /// <summary>Which level of a hierarchy a prior models ("top" or "bottom"); the VQ-VAE-2 priors' export writes it.</summary>
    public const string LevelKey = OnnxMetadataKeys.Autoregressive.Level;

    public const string GridInput = "grid", LabelInput = "label", ConditionInput = "condition", LogitsOutput = "logits";

    private AutoregressiveModel(GenerativeOnnxModel model)
    {
        Model = model;
        model.RequireRole(OnnxMetadataKeys.Roles.Autoregressive);
        Levels = Required(OnnxMetadataKeys.Autoregressive.Levels);
        Height = Required(OnnxMetadataKeys.Autoregressive.GridHeight);
        Width = Required(OnnxMetadataKeys.Autoregressive.GridWidth);
        Content = model.Properties.GetValueOrDefault(OnnxMetadataKeys.Autoregressive.GridContent)
            ?? throw model.MissingMetadata(OnnxMetadataKeys.Autoregressive.GridContent, "\"pixels\" or \"codes\"");
        Level = model.Properties.GetValueOrDefault(LevelKey);
        if (Levels < 2 || Height < 1 || Width < 1)
        {
            throw new InvalidDataException($"{Source}: {OnnxMetadataKeys.Autoregressive.Levels} = {Levels}, grid {Height}x{Width}: a sampler needs at least 2 levels and a non-empty grid.");
        }

        CheckInput(GridInput, [Height, Width], OnnxMetadataKeys.Autoregressive.GridHeight);
        var output = model.Output(LogitsOutput);
        if (!output.Dims.SequenceEqual([Levels, Height, Width]) || output.ElementType != TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"{Source}: output '{LogitsOutput}' is {output.ElementType} {output.ShapeText}, but the metadata ({OnnxMetadataKeys.Autoregressive.Levels}, grid keys) says float [batch, {Levels}, {Height}, {Width}].");
        }

        var hasLabel = model.Inputs.Any(i => i.Name == LabelInput);
        ClassCount = model.Metadata.ClassCount;
        if (hasLabel != ClassCount is not null)
        {
            throw new InvalidDataException(hasLabel
                ? $"{Source}: the graph takes '{LabelInput}' but the metadata lacks {OnnxMetadataKeys.ClassCount}."
                : $"{Source}: the metadata says {OnnxMetadataKeys.ClassCount} = {ClassCount}, but the graph has no '{LabelInput}' input.");
        }

        if (hasLabel)
        {
            CheckInput(LabelInput, [], OnnxMetadataKeys.ClassCount);
        }

        if (model.Properties.ContainsKey(OnnxMetadataKeys.Autoregressive.UnconditionalLabel))
        {
            UnconditionalLabel = Required(OnnxMetadataKeys.Autoregressive.UnconditionalLabel);
            if (UnconditionalLabel != ClassCount)
            {
                throw new InvalidDataException($"{Source}: metadata key '{OnnxMetadataKeys.Autoregressive.UnconditionalLabel}' is {UnconditionalLabel}; the \"no class\" label must be the class count ({ClassCount?.ToString(CultureInfo.InvariantCulture) ?? "none: the model takes no label"}).");
            }
        }

        if (model.Inputs.Any(i => i.Name == ConditionInput))
        {
            Condition = new ConditionGrid(
                Required(OnnxMetadataKeys.Autoregressive.ConditionLevels),
                Required(OnnxMetadataKeys.Autoregressive.ConditionHeight),
                Required(OnnxMetadataKeys.Autoregressive.ConditionWidth));
            CheckInput(ConditionInput, [Condition.Height, Condition.Width], OnnxMetadataKeys.Autoregressive.ConditionHeight);
        }
        else if (model.Properties.ContainsKey(OnnxMetadataKeys.Autoregressive.ConditionLevels))
        {
            throw new InvalidDataException($"{Source}: the metadata has {OnnxMetadataKeys.Autoregressive.ConditionLevels}, but the graph has no '{ConditionInput}' input.");
        }

        var unknown = model.Inputs.Select(i => i.Name).Except([GridInput, LabelInput, ConditionInput]).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"{Source}: unexpected graph inputs {string.Join(", ", unknown)}; an autoregressive model takes '{GridInput}', optional '{LabelInput}' and '{ConditionInput}'.");
        }

        if (model.Properties.ContainsKey(OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows))
        {
            ReceptiveFieldRows = Required(OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows);
            CheckTakesBands();
        }
    }

    public GenerativeOnnxModel Model { get; }

    public string Source => Model.Source;

    /// <summary>K, the categories at each position.</summary>
    public int Levels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Size => Height * Width;

    /// <summary>"pixels" or "codes".</summary>
    public string Content { get; }

    /// <summary>"top" or "bottom" for a VQ-VAE-2 prior; null when the file does not say.</summary>
    public string? Level { get; }

    /// <summary>Classes of a class-conditional model; null for an unconditional one.</summary>
    public int? ClassCount { get; }

    /// <summary>The label meaning "no class" (the class count) of a model trained with class dropout; null otherwise, and then guidance is refused.</summary>
    public int? UnconditionalLabel { get; }

    /// <summary>The condition grid; null when the model takes none.</summary>
    public ConditionGrid? Condition { get; }

    /// <summary>
    /// R, the rows above a position that its logits depend on, when the graph takes bands of rows
    /// (<see cref="OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows"/>); null for older exports, which fix the height.
    /// </summary>
    public int? ReceptiveFieldRows { get; }

    public static AutoregressiveModel Load(string path) => new(GenerativeOnnxModel.Load(path));

    public static AutoregressiveModel From(GenerativeOnnxModel model) => new(model);

    /// <summary>Integer metadata value, or an error naming the file and the key.</summary>
    public int Required(string key) =>
        Model.Properties.TryGetValue(key, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidDataException($"{Source}: metadata key '{key}' is '{text}', expected an integer.")
            : throw Model.MissingMetadata(key, "an integer");

    // A file that states R must take any number of rows: Describe fixed the symbolic ones at the full size, so read the proto.
    private void CheckTakesBands()
    {
        if (ReceptiveFieldRows < 0)
        {
            throw new InvalidDataException($"{Source}: metadata key '{OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows}' is {ReceptiveFieldRows}, expected 0 or more rows.");
        }

        var graph = Model.Proto.Graph;
        var rows = new List<(ValueInfoProto Value, int Axis, string DimParam)>
        {
            (graph.Input.Single(v => v.Name == GridInput), 1, OnnxMetadataKeys.Autoregressive.GridRowsDim),
            (graph.Output.Single(v => v.Name == LogitsOutput), 2, OnnxMetadataKeys.Autoregressive.GridRowsDim),
        };
        if (Condition is not null)
        {
            rows.Add((graph.Input.Single(v => v.Name == ConditionInput), 1, OnnxMetadataKeys.Autoregressive.ConditionRowsDim));
        }

        foreach (var (value, axis, dimParam) in rows)
        {
            var dim = value.Type.TensorType.Shape.Dim[axis];
            if (dim.DimParam != dimParam)
            {
                throw new InvalidDataException($"{Source}: metadata key '{OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows}' says the graph takes bands of rows, but dimension {axis} of '{value.Name}' is {(dim.DimValue > 0 ? dim.DimValue.ToString(CultureInfo.InvariantCulture) : $"'{dim.DimParam}'")}, not the symbolic '{dimParam}'.");
            }
        }
    }

    private void CheckInput(string name, int[] dims, string key)
    {
        var input = Model.Input(name);
        if (input.ElementType != TensorProto.Types.DataType.Int64 || !input.Dims.SequenceEqual(dims))
        {
            throw new InvalidDataException($"{Source}: input '{name}' is {input.ElementType} {input.ShapeText}, but the metadata ({key}) says int64 [batch{string.Concat(dims.Select(d => $", {d}"))}].");
        }
    }
}
