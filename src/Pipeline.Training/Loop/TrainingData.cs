namespace Pipeline.Training.Loop;

/// <summary>Checks a recipe makes of its data before any network is built.</summary>
public static class TrainingData
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the data and both shapes when the images do not fit the model.</summary>
    public static void RequireShape(ImageDataset data, int channels, int height, int width, string model)
    {
        if (data.Channels != channels || data.Height != height || data.Width != width)
        {
            throw new ArgumentException(
                $"{data.Source}: images are {data.Channels}x{data.Height}x{data.Width}, the {model} expects {channels}x{height}x{width}.");
        }
    }

    /// <summary>Throws when a class-conditional model (<paramref name="classCount"/> &gt; 0) meets data with another number of classes.</summary>
    public static void RequireClasses(ImageDataset data, int classCount, string model)
    {
        if (classCount > 0 && data.ClassCount != classCount)
        {
            throw new ArgumentException($"{data.Source}: {data.ClassCount} classes, the conditional {model} expects {classCount}.");
        }
    }
}
