using System.Linq.Expressions;
using System.Reflection;

namespace Pipeline.Application.Settings;

/// <summary>
/// Settings that fill the properties of a record: each names its property once, takes its default from the record a
/// front end starts from (so the default shown is the one used) and sets it on a copy when read back.
/// </summary>
/// <param name="defaults">the record the defaults come from</param>
public sealed class RecordSettings<TRecord>(TRecord defaults)
    where TRecord : class
{
    // A record's compiler-made copy method: `with` for a type known only at run time.
    private static readonly MethodInfo CloneMethod = typeof(TRecord).GetMethod("<Clone>$") ?? throw new ArgumentException($"{typeof(TRecord).Name} is not a record.");

    private readonly List<Func<ISettingValues, TRecord, TRecord>> _appliers = [];

    /// <summary>The record the defaults come from.</summary>
    public TRecord Defaults { get; } = defaults;

    /// <summary>A setting of <paramref name="property"/>, its default the defaults' value (none when that is null).</summary>
    public Setting<T> Set<T>(string name, Expression<Func<TRecord, T>> property, string? description, SettingRule<T>? rule = null)
    {
        var (info, value) = Read(property);
        var setting = value is null ? new Setting<T>(name, description) { Rule = rule } : new Setting<T>(name, description) { Default = value, Rule = rule };
        return Add(setting, (record, v) => Copy(record, info, v));
    }

    /// <summary>A switch that sets the boolean <paramref name="property"/> to true when given (to false with <paramref name="negated"/>).</summary>
    public Setting<bool> Flag(string name, Expression<Func<TRecord, bool>> property, string description, bool negated = false)
    {
        var (info, _) = Read(property);
        return Add(new Setting<bool>(name, description), (record, v) => Copy(record, info, v != negated));
    }

    /// <summary>A setting that overrides <paramref name="property"/> when given and leaves the record's value otherwise.</summary>
    public Setting<T?> Override<T>(string name, Expression<Func<TRecord, T>> property, string description, SettingRule<T>? rule = null)
        where T : struct
    {
        var (info, _) = Read(property);
        return Add(new Setting<T?>(name, description) { Rule = rule is null ? null : SettingRules.WhenGiven(rule) }, (record, v) => v is { } given ? Copy(record, info, given) : record);
    }

    /// <summary><paramref name="start"/> with every setting made here applied from <paramref name="values"/>.</summary>
    public TRecord Apply(ISettingValues values, TRecord start) => _appliers.Aggregate(start, (record, apply) => apply(values, record));

    /// <summary><see cref="Defaults"/> with every setting made here applied from <paramref name="values"/>.</summary>
    public TRecord Apply(ISettingValues values) => Apply(values, Defaults);

    private Setting<T> Add<T>(Setting<T> setting, Func<TRecord, T, TRecord> apply)
    {
        _appliers.Add((values, record) => apply(record, values.Get(setting)));
        return setting;
    }

    private (PropertyInfo Info, T Value) Read<T>(Expression<Func<TRecord, T>> property) =>
        property.Body is MemberExpression { Member: PropertyInfo info }
            ? (info, property.Compile()(Defaults))
            : throw new ArgumentException($"{property} does not name a property of {typeof(TRecord).Name}.", nameof(property));

    private static TRecord Copy(TRecord record, PropertyInfo property, object? value)
    {
        var copy = (TRecord)CloneMethod.Invoke(record, null)!;
        property.SetValue(copy, value);
        return copy;
    }
}
