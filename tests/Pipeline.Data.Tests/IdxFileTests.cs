using System.IO.Compression;

namespace Pipeline.Data.Tests;

public sealed class IdxFileTests
{
    [Theory]
    [InlineData("images-idx3-ubyte")]
    [InlineData("images-idx3-ubyte.gz")]
    public void Round_trips_raw_and_gzip_files(string name)
    {
        // Given
        using var temp = new TempDirectory();
        var array = new IdxArray([2, 3, 2], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);

        // When
        IdxFile.Write(temp.File(name), array);
        IdxArray read = IdxFile.Read(temp.File(name));

        // Then
        Assert.Equal(array.Dimensions, read.Dimensions);
        Assert.Equal(array.Data, read.Data);
    }

    [Fact]
    public void A_streamed_file_has_its_header_first_then_the_elements_the_writer_gives()
    {
        // Given
        using var temp = new TempDirectory();

        // When
        IdxFile.Write(temp.File("streamed"), [2, 2], stream =>
        {
            stream.Write([1, 2]);
            stream.Write([3, 4]);
            return 4;
        });

        // Then
        Assert.Equal(new byte[] { 0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4 }, File.ReadAllBytes(temp.File("streamed")));
    }

    [Fact]
    public void A_streamed_file_whose_writer_gives_too_few_bytes_is_not_written()
    {
        // Given
        using var temp = new TempDirectory();

        // When
        var error = Assert.Throws<InvalidOperationException>(() => IdxFile.Write(temp.File("short"), [3], stream =>
        {
            stream.Write([1, 2]);
            return 2;
        }));

        // Then: neither the file nor a temporary one is left
        Assert.Contains("hold 3 bytes, the writer gave 2", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Writes_gzip_only_for_the_gz_extension()
    {
        // Given
        using var temp = new TempDirectory();
        var array = new IdxArray([3], [7, 8, 9]);

        // When
        IdxFile.Write(temp.File("raw"), array);
        IdxFile.Write(temp.File("packed.gz"), array);

        // Then
        Assert.Equal(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9 }, File.ReadAllBytes(temp.File("raw")));
        Assert.Equal(new byte[] { 0x1f, 0x8b }, File.ReadAllBytes(temp.File("packed.gz"))[..2]);
    }

    [Fact]
    public void Detects_gzip_by_content_not_by_extension()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("labels-idx1-ubyte");
        WriteGzip(path, [0, 0, 8, 1, 0, 0, 0, 2, 4, 5]);

        // When
        IdxArray read = IdxFile.Read(path);

        // Then
        Assert.Equal(new[] { 2 }, read.Dimensions);
        Assert.Equal(new byte[] { 4, 5 }, read.Data);
    }

    [Fact]
    public void Rejects_a_missing_file_naming_its_path()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("absent-idx1-ubyte");

        // When
        var error = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(path));

        // Then
        Assert.Contains(path, error.Message);
        Assert.Equal(path, error.FileName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rejects_truncated_idx_file(bool compressed)
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File(compressed ? "images.gz" : "images");
        byte[] content = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3];
        if (compressed)
        {
            WriteGzip(path, content);
        }
        else
        {
            File.WriteAllBytes(path, content);
        }

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Equal($"{path}: expected 8 bytes of data after the header (2x2x2), found 3.", error.Message);
    }

    [Fact]
    public void Rejects_trailing_bytes()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("labels");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3, 4]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Equal($"{path}: expected 2 bytes of data after the header (2), found 4.", error.Message);
    }

    [Fact]
    public void Rejects_a_truncated_header()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("labels");
        File.WriteAllBytes(path, [0, 0, 8, 2, 0, 0, 0, 2]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Contains(path, error.Message);
        Assert.Contains("expected 8 bytes of dimension sizes", error.Message);
    }

    [Fact]
    public void Rejects_a_wrong_magic_number()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("not-idx.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 0]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Contains(path, error.Message);
        Assert.Contains("two zero bytes, found 0x89 0x50", error.Message);
    }

    [Fact]
    public void Rejects_an_unsupported_type_code()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("floats");
        File.WriteAllBytes(path, [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0x80, 0x3f]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Equal($"{path}: expected IDX type code 0x08 (unsigned byte), found 0x0D (float32).", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Rejects_a_dimension_count_outside_one_to_four(byte rank)
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("bad-rank");
        File.WriteAllBytes(path, [0, 0, 8, rank]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Equal($"{path}: expected 1 to 4 dimensions, found {rank}.", error.Message);
    }

    [Fact]
    public void Rejects_a_zero_dimension_size()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("empty");
        File.WriteAllBytes(path, [0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 0]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.Equal($"{path}: expected positive dimension sizes, found 3x0.", error.Message);
    }

    [Fact]
    public void Rejects_corrupt_gzip_data_naming_the_file()
    {
        // Given
        using var temp = new TempDirectory();
        string path = temp.File("broken.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        // Then
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Refuses_to_write_data_that_disagrees_with_the_dimensions()
    {
        // Given
        using var temp = new TempDirectory();
        var array = new IdxArray([2, 2], [1, 2, 3]);

        // When
        var error = Assert.Throws<ArgumentException>(() => IdxFile.Write(temp.File("bad"), array));

        // Then
        Assert.Contains("Expected 4 bytes", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }
}
