namespace Pipeline.Data.Tests;

public sealed class FashionMnistTests
{
    [Fact]
    public void Loads_the_installed_test_split_with_ten_balanced_classes()
    {
        // Given: Debian's dataset-fashion-mnist package, installed on every build machine.
        string directory = FashionMnist.DefaultDirectory;

        // When
        ImageDataset test = FashionMnist.Load(DataSplit.Test, directory);

        // Then
        Assert.Equal((10000, 1, 28, 28), (test.Count, test.Channels, test.Height, test.Width));
        Assert.Equal(10, test.ClassCount);
        Assert.Equal("T-shirt/top", test.ClassNames[0]);
        Assert.Equal("Ankle boot", test.ClassNames[9]);
        Assert.Equal(0f, test.Pixels.Min());
        Assert.Equal(1f, test.Pixels.Max());
        Assert.All(test.Labels.CountBy(l => l), c => Assert.Equal(1000, c.Value));
        Assert.Equal(10, test.Labels.Distinct().Count());
    }

    [Fact]
    public void Keeps_the_install_hint_out_of_errors_for_other_directories()
    {
        // Given
        using var temp = new TempDirectory();

        // When
        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(DataSplit.Train, temp.Path));

        // Then
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.DoesNotContain("apt-get", error.Message);
    }
}
