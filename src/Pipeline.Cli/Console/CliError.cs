namespace Pipeline.Cli.Console;

/// <summary>A user mistake found before any work starts: printed without a stack trace, exit code 2.</summary>
public sealed class CliError(string message) : Exception(message)
{
    /// <summary>Runs option validations, reporting the first <see cref="ArgumentException"/> as a user error.</summary>
    public static void Check(params Action[] validations)
    {
        try
        {
            foreach (var validate in validations)
            {
                validate();
            }
        }
        catch (ArgumentException ex)
        {
            throw new CliError(ex.Message);
        }
    }

    /// <summary>Returns <paramref name="read"/>'s value, reporting an <see cref="ArgumentException"/> as a user error.</summary>
    public static T Check<T>(Func<T> read)
    {
        var value = default(T)!;
        Check(() => { value = read(); });
        return value;
    }
}
