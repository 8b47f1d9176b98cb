using System.Diagnostics;

namespace Pipeline.Reports.Tests;

/// <summary>Debian's chromium, headless: opens a page the way a person's browser would.</summary>
internal static class Chromium
{
    private static readonly Lazy<string?> s_executable = new(Find);

    /// <summary>The chromium executable on PATH, or null when it is not installed.</summary>
    public static string? Executable => s_executable.Value;

    /// <summary>The page's DOM after loading, as chromium serialises it.</summary>
    public static string DumpDom(string page, string profile) => Run(profile, "--dump-dom", new Uri(page).AbsoluteUri);

    /// <summary>Writes a screenshot of the page at the given window size.</summary>
    public static void Screenshot(string page, string png, int width, int height, string profile) =>
        Run(profile, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(page).AbsoluteUri);

    private static string Run(string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // --no-sandbox: chromium refuses to run as root (CI) with its sandbox; a private profile lets tests run side by side.
        foreach (string argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();

        // A guard against a hung browser, not a time the test measures.
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"chromium {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => new[] { Path.Combine(folder, "chromium"), Path.Combine(folder, "chromium-browser") })
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs chromium: skipped, with how to install it, where it is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium is not installed (apt-get install chromium): the run page is not opened in a browser here.";
        }
    }
}
