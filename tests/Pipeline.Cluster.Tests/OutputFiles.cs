namespace Pipeline.Cluster.Tests;

/// <summary>Every file under a folder, by relative path, with its bytes.</summary>
internal static class OutputFiles
{
    public static SortedDictionary<string, byte[]> Read(string folder) => new(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes),
        StringComparer.Ordinal);

    public static void AssertSame(string expectedFolder, string actualFolder)
    {
        var expected = Read(expectedFolder);
        var actual = Read(actualFolder);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, e => Assert.True(e.Value.AsSpan().SequenceEqual(actual[e.Key]), $"{e.Key} differs"));
    }
}
