using Pipeline.Training.Classifiers;

namespace Pipeline.Training.Tests.Classifiers;

public sealed class GeneratedImageJudgeTests
{
    [Fact]
    public void Per_class_breakdown_counts_recognised_shares_and_the_commonest_confusion()
    {
        // Given: class 0 asked 3 times (recognised once, twice taken for 2), class 1 twice (always recognised);
        // real images: class 0 right once of twice, class 1 right once.
        long[] requested = [0, 0, 0, 1, 1];
        long[] predicted = [0, 2, 2, 1, 1];

        var perClass = GeneratedImageJudge.PerClass(requested, predicted, realLabels: [0, 0, 1], realPredicted: [0, 1, 1]);

        Assert.Equal(2, perClass.Count);
        Assert.Equal(new ClassJudgement(0, 3, 1.0 / 3, 0.5, 2, 2.0 / 3), perClass[0]);
        Assert.Equal(new ClassJudgement(1, 2, 1.0, 1.0, null, 0), perClass[1]);
    }
}
