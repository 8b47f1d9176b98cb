using Pipeline.Inference;

namespace Pipeline.Cli.Families.Exported;

/// <summary>Calls into Pipeline.Inference with its request mistakes reported as the CLI's usage errors (exit code 2).</summary>
internal static class InferenceRequests
{
    public static T Run<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (InvalidRequestException ex)
        {
            throw new CliError(ex.Message);
        }
    }
}
