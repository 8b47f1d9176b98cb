namespace Pipeline.Cli.Families;

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
