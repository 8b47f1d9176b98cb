namespace Pipeline.Data.Tests;

public sealed class DurableFilesTests
{
    [Fact]
    public void Syncing_files_written_without_a_flush_keeps_their_content()
    {
        // Given two files written atomically without flushing each
        using var temp = new TempDirectory();
        string[] paths = [temp.File("a.png"), temp.File("b.png")];
        foreach (var path in paths)
        {
            AtomicFile.Write(path, stream => stream.Write([1, 2, 3]), flushToDisk: false);
        }

        // When
        DurableFiles.Sync(paths);
        DurableFiles.Sync([]);

        // Then
        Assert.All(paths, p => Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(p)));
    }
}
