using Pipeline.Application.Exports;
using Pipeline.Application.Settings;
using Pipeline.Application;
using Pipeline.Inference.Pictures;

namespace Pipeline.Cli.Families;

// Capabilities made of one application call each. A family gives the options its verb reads and the call; what the
// call returns (pictures, an evaluation, an export) describes itself, so it is printed the same way for every family
// and a family's verbs are a few lines in its family file instead of a class each.

/// <summary><c>sample</c>: a call drawing <c>count</c> images.</summary>
internal sealed class SampleVerb(Func<VerbContext, int, IEnumerable<Picture>> draw, params IReadOnlyList<Setting> settings) : ISample
{
    public IReadOnlyList<Option> Options { get; } = [.. settings.ToOptions()];

    public void Sample(VerbContext context, int count) => Terminal.Wrote(draw(context, count));
}

/// <summary><c>reconstruct</c>: a call reconstructing <c>images</c> test images.</summary>
internal sealed class ReconstructVerb(Func<VerbContext, int, Picture> draw) : IReconstruct
{
    public void Reconstruct(VerbContext context, int images) => Terminal.Wrote(draw(context, images));
}

/// <summary>
/// A verb drawing one picture with a call (traverse, edit, interpolate, arithmetic, mix, neighbours): the verb is its
/// name, so such a verb needs no interface of its own.
/// </summary>
internal sealed class PictureVerb(string verb, Func<VerbContext, Picture> draw, params IReadOnlyList<Setting> settings) : ICapability
{
    public string Verb => verb;

    public IReadOnlyList<Option> Options { get; } = [.. settings.ToOptions()];

    public void Draw(VerbContext context) => Terminal.Wrote(draw(context));
}

/// <summary><c>evaluate</c>: a call returning an evaluation; <c>then</c> prints what the family adds below it.</summary>
internal sealed class EvaluateVerb<T>(string measures, Func<VerbContext, EvaluationReport<T>> evaluate, params IReadOnlyList<Setting> settings) : IEvaluate
{
    public string Measures => measures;

    public IReadOnlyList<Option> Options { get; } = [.. settings.ToOptions()];

    /// <summary>Prints what the family adds below the evaluation.</summary>
    public Action<VerbContext, EvaluationReport<T>>? Then { get; init; }

    public void Evaluate(VerbContext context)
    {
        var report = evaluate(context);
        Terminal.Wrote(report);
        Then?.Invoke(context, report);
    }
}

/// <summary><c>translate</c>: a call translating the request's images.</summary>
internal sealed class TranslateVerb(Action<VerbContext, TranslateRequest> translate, params IReadOnlyList<Setting> settings) : ITranslate
{
    public IReadOnlyList<Option> Options { get; } = [.. settings.ToOptions()];

    public void Translate(VerbContext context, TranslateRequest request) => translate(context, request);
}

/// <summary><c>export</c>: a call exporting the run into a folder, its report shown as every export's is.</summary>
internal sealed class ExportVerb(Action<VerbContext, string, int> export) : IExport
{
    public ExportVerb(Func<VerbContext, string, int, ExportReport> export)
        : this((context, folder, opset) => ModelCards.Show(export(context, folder, opset)))
    {
    }

    public void Export(VerbContext context, string folder, int opset) => export(context, folder, opset);
}

/// <summary>A loaded model used for one call and released after.</summary>
internal static class Loaded
{
    /// <summary>Returns <paramref name="call"/> on <paramref name="model"/>, disposing the model after.</summary>
    public static T Use<TModel, T>(this TModel model, Func<TModel, T> call)
        where TModel : IDisposable
    {
        using (model)
        {
            return call(model);
        }
    }
}
