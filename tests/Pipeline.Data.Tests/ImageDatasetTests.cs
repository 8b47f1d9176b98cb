namespace Pipeline.Data.Tests;

public sealed class ImageDatasetTests
{
    [Fact]
    public void Exposes_shape_images_and_default_class_names()
    {
        // Given
        float[] pixels = [0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f];

        // When
        var dataset = new ImageDataset(pixels, [0, 2], channels: 1, height: 2, width: 2, classCount: 3, source: "memory");

        // Then
        Assert.Equal(2, dataset.Count);
        Assert.Equal(4, dataset.PixelsPerImage);
        Assert.Equal(new[] { 0.4f, 0.5f, 0.6f, 0.7f }, dataset.Image(1).ToArray());
        Assert.Equal(["0", "1", "2"], dataset.ClassNames);
        Assert.Equal("memory", dataset.Source);
    }

    [Fact]
    public void Take_keeps_the_first_images_and_clamps_to_the_count()
    {
        // Given
        var dataset = new ImageDataset([0f, 1f, 0.5f], [1, 0, 1], 1, 1, 1, 2, "memory", ["a", "b"]);

        // When
        ImageDataset first = dataset.Take(2);
        ImageDataset all = dataset.Take(10);

        // Then
        Assert.Equal(new[] { 0f, 1f }, first.Pixels);
        Assert.Equal(new[] { 1, 0 }, first.Labels);
        Assert.Equal(["a", "b"], first.ClassNames);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void Rejects_a_pixel_array_of_the_wrong_length()
    {
        // Given
        float[] pixels = new float[7];

        // When
        var error = Assert.Throws<ArgumentException>(() => new ImageDataset(pixels, [0, 0], 1, 2, 2, 1, "memory"));

        // Then
        Assert.Equal("pixels", error.ParamName);
        Assert.Contains("Expected 8", error.Message);
        Assert.Contains("found 7", error.Message);
    }

    [Fact]
    public void Rejects_a_label_outside_the_class_count()
    {
        // Given
        float[] pixels = new float[2];

        // When
        var error = Assert.Throws<ArgumentException>(() => new ImageDataset(pixels, [0, 3], 1, 1, 1, 3, "memory"));

        // Then
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("index 1 is 3", error.Message);
    }

    [Fact]
    public void Rejects_class_names_that_do_not_match_the_class_count()
    {
        // Given
        string[] names = ["only one"];

        // When
        var error = Assert.Throws<ArgumentException>(() => new ImageDataset([0f], [0], 1, 1, 1, 2, "memory", names));

        // Then
        Assert.Equal("classNames", error.ParamName);
    }

    [Fact]
    public void Rejects_an_image_index_out_of_range()
    {
        // Given
        var dataset = new ImageDataset([0f], [0], 1, 1, 1, 1, "memory");

        // When
        void Read() => dataset.Image(1);

        // Then
        Assert.Throws<ArgumentOutOfRangeException>(Read);
    }
    [Fact]
    public void Pads_each_image_to_the_centre_of_a_larger_canvas()
    {
        // Given: two 2-channel 2x2 images.
        var pixels = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();
        var dataset = new ImageDataset(pixels, [0, 1], channels: 2, height: 2, width: 2, classCount: 2, source: "memory");

        // When
        var padded = dataset.PadTo(4, 4, fill: -1);

        // Then: each plane sits at rows 1-2, columns 1-2, the border is the fill, labels and names stay.
        Assert.Equal((2, 4, 4, 2), (padded.Channels, padded.Height, padded.Width, padded.Count));
        var secondImageFirstPlane = padded.Image(1)[..16].ToArray();
        Assert.Equal(new float[] { -1, -1, -1, -1, -1, 9, 10, -1, -1, 11, 12, -1, -1, -1, -1, -1 }, secondImageFirstPlane);
        Assert.Equal(dataset.Labels, padded.Labels);
    }

    [Fact]
    public void Refuses_to_pad_to_a_smaller_canvas()
    {
        var dataset = new ImageDataset(new float[9], [0], channels: 1, height: 3, width: 3, classCount: 1, source: "memory");

        var error = Assert.Throws<ArgumentException>(() => dataset.PadTo(2, 4));

        Assert.Contains("3x3", error.Message);
        Assert.Contains("2x4", error.Message);
    }
}
