namespace Pipeline.Data.Tests;

public sealed class IdxDatasetTests
{
    [Fact]
    public void Loads_images_and_labels_scaled_to_unit_range()
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("images"), new IdxArray([2, 1, 2], [0, 255, 51, 102]));
        IdxFile.Write(temp.File("labels"), new IdxArray([2], [1, 3]));

        // When
        ImageDataset dataset = IdxDataset.Load(temp.File("images"), temp.File("labels"));

        // Then
        Assert.Equal((2, 1, 1, 2), (dataset.Count, dataset.Channels, dataset.Height, dataset.Width));
        Assert.Equal(new[] { 0f, 1f, 0.2f, 0.4f }, dataset.Pixels);
        Assert.Equal(new[] { 1, 3 }, dataset.Labels);
        Assert.Equal(4, dataset.ClassCount);
        Assert.Equal(temp.File("images"), dataset.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".gz")]
    public void LoadSplit_finds_raw_and_gzip_file_names(string extension)
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("t10k-images-idx3-ubyte" + extension), new IdxArray([1, 2, 2], [0, 0, 0, 255]));
        IdxFile.Write(temp.File("t10k-labels-idx1-ubyte" + extension), new IdxArray([1], [1]));

        // When
        ImageDataset dataset = IdxDataset.LoadSplit(temp.Path, DataSplit.Test, ["no", "yes"]);

        // Then
        Assert.Equal(1, dataset.Count);
        Assert.Equal(["no", "yes"], dataset.ClassNames);
        Assert.EndsWith("t10k-images-idx3-ubyte" + extension, dataset.Source);
    }

    [Fact]
    public void LoadSplit_names_the_directory_and_file_names_tried()
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("train-images-idx3-ubyte.gz"), new IdxArray([1, 1, 1], [0]));

        // When
        var error = Assert.Throws<FileNotFoundException>(() => IdxDataset.LoadSplit(temp.Path, DataSplit.Train));

        // Then
        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("train-labels-idx1-ubyte nor train-labels-idx1-ubyte.gz", error.Message);
    }

    [Fact]
    public void LoadSplit_rejects_a_missing_directory()
    {
        // Given
        using var temp = new TempDirectory();
        string missing = temp.File("nowhere");

        // When
        var error = Assert.Throws<DirectoryNotFoundException>(() => IdxDataset.LoadSplit(missing, DataSplit.Train));

        // Then
        Assert.Contains(missing, error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
    }

    [Fact]
    public void Rejects_an_image_and_label_count_mismatch()
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("images"), new IdxArray([2, 1, 1], [0, 0]));
        IdxFile.Write(temp.File("labels"), new IdxArray([3], [0, 0, 0]));

        // When
        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(temp.File("images"), temp.File("labels")));

        // Then
        Assert.Contains(temp.File("images"), error.Message);
        Assert.Contains(temp.File("labels"), error.Message);
        Assert.Contains("expected as many labels as images (2), found 3 labels", error.Message);
    }

    [Fact]
    public void Rejects_a_label_outside_the_class_count()
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("images"), new IdxArray([3, 1, 1], [0, 0, 0]));
        IdxFile.Write(temp.File("labels"), new IdxArray([3], [0, 9, 1]));

        // When
        var error = Assert.Throws<InvalidDataException>(
            () => IdxDataset.Load(temp.File("images"), temp.File("labels"), classCount: 5));

        // Then
        Assert.Contains("label at index 1 is 9, expected below the class count 5", error.Message);
    }

    [Fact]
    public void Rejects_an_images_file_with_label_shaped_dimensions()
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("labels-as-images"), new IdxArray([2], [0, 1]));
        IdxFile.Write(temp.File("labels"), new IdxArray([2], [0, 1]));

        // When
        var error = Assert.Throws<InvalidDataException>(
            () => IdxDataset.Load(temp.File("labels-as-images"), temp.File("labels")));

        // Then
        Assert.Contains("expected 3 image dimensions (count x height x width), found 1 (2)", error.Message);
        Assert.Contains(temp.File("labels"), error.Message);
    }

    [Fact]
    public void Rejects_a_labels_file_that_is_not_one_dimensional()
    {
        // Given
        using var temp = new TempDirectory();
        IdxFile.Write(temp.File("images"), new IdxArray([2, 1, 1], [0, 1]));
        IdxFile.Write(temp.File("images-as-labels"), new IdxArray([2, 1, 1], [0, 1]));

        // When
        var error = Assert.Throws<InvalidDataException>(
            () => IdxDataset.Load(temp.File("images"), temp.File("images-as-labels")));

        // Then
        Assert.Contains("expected 1 label dimension (count), found 3 (2x1x1)", error.Message);
    }

    [Fact]
    public void Save_round_trips_through_load_with_clamping_and_rounding()
    {
        // Given
        using var temp = new TempDirectory();
        var dataset = new ImageDataset([-0.5f, 0.2f, 1.5f, float.NaN], [2, 0], 1, 1, 2, 3, "memory");

        // When
        IdxDataset.Save(dataset, temp.File("images.gz"), temp.File("labels.gz"));
        ImageDataset loaded = IdxDataset.Load(temp.File("images.gz"), temp.File("labels.gz"), classCount: 3);

        // Then
        Assert.Equal(new[] { 0f, 0.2f, 1f, 0f }, loaded.Pixels);
        Assert.Equal(new[] { 2, 0 }, loaded.Labels);
        Assert.Equal((1, 2), (loaded.Height, loaded.Width));
    }

    [Fact]
    public void Save_rejects_colour_images()
    {
        // Given
        using var temp = new TempDirectory();
        var dataset = new ImageDataset(new float[3], [0], 3, 1, 1, 1, "memory");

        // When
        var error = Assert.Throws<ArgumentException>(
            () => IdxDataset.Save(dataset, temp.File("images"), temp.File("labels")));

        // Then
        Assert.Contains("one channel, found 3", error.Message);
    }
}
