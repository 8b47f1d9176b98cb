namespace Pipeline.Data.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_the_content_and_creates_missing_directories()
    {
        // Given
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "a", "b", "file.bin");

        // When
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));

        // Then
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Accepts_a_writer_that_closes_the_stream()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("notes.txt");

        // When
        AtomicFile.Write(path, s =>
        {
            using var writer = new StreamWriter(s);
            writer.Write("closed by the writer");
        });

        // Then
        Assert.Equal("closed by the writer", File.ReadAllText(path));
    }

    [Fact]
    public void Replaces_an_existing_file()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("file.bin");
        File.WriteAllBytes(path, [9, 9, 9, 9]);

        // When
        AtomicFile.Write(path, s => s.Write([1]));

        // Then
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Leaves_the_target_untouched_and_no_temp_file_when_the_writer_throws()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("file.bin");
        File.WriteAllBytes(path, [7, 7]);

        // When
        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            throw new InvalidOperationException("writer failed");
        }));

        // Then
        Assert.Equal("writer failed", error.Message);
        Assert.Equal(new byte[] { 7, 7 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_verified_write_shows_the_check_the_whole_file_before_the_rename()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("model.bin");
        byte[]? seen = null;

        // When
        AtomicFile.WriteVerified(path, s => s.Write([1, 2, 3]), written =>
        {
            seen = File.ReadAllBytes(written);
            Assert.False(File.Exists(path));
        });

        // Then
        Assert.Equal(new byte[] { 1, 2, 3 }, seen);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failed_check_leaves_the_target_untouched_and_no_temp_file()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("model.bin");
        File.WriteAllBytes(path, [7, 7]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => AtomicFile.WriteVerified(path, s => s.Write([1, 2, 3]), _ => throw new InvalidDataException("disagrees")));

        // Then
        Assert.Equal("disagrees", error.Message);
        Assert.Equal(new byte[] { 7, 7 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }
}
