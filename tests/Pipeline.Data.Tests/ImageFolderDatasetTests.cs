using SkiaSharp;

namespace Pipeline.Data.Tests;

public sealed class ImageFolderDatasetTests
{
    [Fact]
    public void Loads_class_folders_in_name_order_at_one_channel()
    {
        // Given
        using var temp = new TempDirectory();
        WriteSolidPng(Path.Combine(temp.Path, "b-white", "1.png"), 10, 6, SKColors.White);
        WriteSolidPng(Path.Combine(temp.Path, "b-white", "2.PNG"), 40, 40, SKColors.White);
        WriteSolidPng(Path.Combine(temp.Path, "a-red", "only.png"), 5, 9, new SKColor(255, 0, 0));
        File.WriteAllText(Path.Combine(temp.Path, "a-red", "notes.txt"), "not an image");

        // When
        ImageDataset dataset = ImageFolderDataset.Load(temp.Path, height: 8, width: 12, channels: 1);

        // Then
        Assert.Equal((3, 1, 8, 12), (dataset.Count, dataset.Channels, dataset.Height, dataset.Width));
        Assert.Equal(["a-red", "b-white"], dataset.ClassNames);
        Assert.Equal(new[] { 0, 1, 1 }, dataset.Labels);
        Assert.Equal(0.299f, dataset.Image(0)[50], precision: 3);
        Assert.All(dataset.Image(1).ToArray(), p => Assert.Equal(1f, p, precision: 3));
        Assert.Equal(temp.Path, dataset.Source);
    }

    [Fact]
    public void Loads_rgb_planes_at_three_channels()
    {
        // Given
        using var temp = new TempDirectory();
        WriteSolidPng(Path.Combine(temp.Path, "only", "x.png"), 7, 7, new SKColor(255, 0, 51));

        // When
        ImageDataset dataset = ImageFolderDataset.Load(temp.Path, height: 4, width: 4, channels: 3);

        // Then
        ReadOnlySpan<float> image = dataset.Image(0);
        Assert.Equal(48, image.Length);
        Assert.Equal(1f, image[5], precision: 3);
        Assert.Equal(0f, image[16 + 5], precision: 3);
        Assert.Equal(0.2f, image[32 + 5], precision: 3);
    }

    [Fact]
    public void Composites_transparent_pixels_over_black()
    {
        // Given
        using var temp = new TempDirectory();
        WriteSolidPng(temp.File("ghost.png"), 4, 4, SKColors.White.WithAlpha(0));

        // When
        ImageDataset dataset = ImageFolderDataset.Load(temp.Path, height: 4, width: 4, channels: 1);

        // Then
        Assert.All(dataset.Pixels, p => Assert.Equal(0f, p));
    }

    [Fact]
    public void Treats_a_flat_folder_of_images_as_one_class()
    {
        // Given
        using var temp = new TempDirectory();
        WriteSolidPng(temp.File("b.png"), 3, 3, SKColors.Black);
        WriteSolidPng(temp.File("a.png"), 3, 3, SKColors.White);

        // When
        ImageDataset dataset = ImageFolderDataset.Load(temp.Path, height: 3, width: 3, channels: 1);

        // Then
        Assert.Equal(["0"], dataset.ClassNames);
        Assert.Equal(new[] { 0, 0 }, dataset.Labels);
        Assert.Equal(1f, dataset.Image(0)[0], precision: 3);
        Assert.Equal(0f, dataset.Image(1)[0], precision: 3);
    }

    [Fact]
    public void Rejects_an_empty_folder()
    {
        // Given
        using var temp = new TempDirectory();

        // When
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Load(temp.Path, 8, 8, 1));

        // Then
        Assert.StartsWith($"{temp.Path}: empty folder", error.Message);
    }

    [Fact]
    public void Rejects_a_class_folder_without_images()
    {
        // Given
        using var temp = new TempDirectory();
        WriteSolidPng(Path.Combine(temp.Path, "full", "x.png"), 3, 3, SKColors.Black);
        string empty = Directory.CreateDirectory(Path.Combine(temp.Path, "void")).FullName;

        // When
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Load(temp.Path, 8, 8, 1));

        // Then
        Assert.StartsWith($"{empty}: empty folder", error.Message);
    }

    [Fact]
    public void Rejects_a_missing_folder()
    {
        // Given
        using var temp = new TempDirectory();
        string missing = temp.File("missing");

        // When
        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageFolderDataset.Load(missing, 8, 8, 1));

        // Then
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Rejects_an_undecodable_file_naming_it()
    {
        // Given
        using var temp = new TempDirectory();
        WriteSolidPng(Path.Combine(temp.Path, "cls", "good.png"), 3, 3, SKColors.Black);
        string bad = Path.Combine(temp.Path, "cls", "bad.png");
        File.WriteAllBytes(bad, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        // When
        var error = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Load(temp.Path, 8, 8, 1));

        // Then
        Assert.Equal($"{bad}: could not decode the file as an image.", error.Message);
    }

    [Fact]
    public void Rejects_an_unsupported_channel_count()
    {
        // Given
        using var temp = new TempDirectory();

        // When
        var error = Assert.Throws<ArgumentException>(() => ImageFolderDataset.Load(temp.Path, 8, 8, 4));

        // Then
        Assert.Equal("channels", error.ParamName);
    }

    private static void WriteSolidPng(string path, int width, int height, SKColor color)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }
}
