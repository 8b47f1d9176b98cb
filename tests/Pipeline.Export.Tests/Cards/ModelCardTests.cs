using Pipeline.Export.Cards;

namespace Pipeline.Export.Tests.Cards;

public sealed class ModelCardTests
{
    [Fact]
    public void A_re_export_keeps_the_notes_written_by_hand_and_replaces_the_rest()
    {
        // Given: a card on disk with a hand-written notes section between two generated ones.
        var folder = Directory.CreateTempSubdirectory("pipeline-card-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ModelCard.FileName), string.Join('\n',
                "# Old title", "", "old generated text", "", ModelCard.NotesHeading, "", "Trained in 30 minutes with `--precision bf16`.", "",
                "| a | b |", "", "## In a plain ML.NET app", "", "old zip section", ""));

            // When
            var path = new ModelCard().Heading("New title", 1).Paragraph("new generated text").Write(folder);

            // Then: the new card, then the notes (with their table), and nothing else of the old card.
            var card = File.ReadAllText(path);
            Assert.StartsWith("# New title", card, StringComparison.Ordinal);
            Assert.Contains("new generated text", card, StringComparison.Ordinal);
            Assert.Contains(ModelCard.NotesHeading, card, StringComparison.Ordinal);
            Assert.Contains("Trained in 30 minutes with `--precision bf16`.", card, StringComparison.Ordinal);
            Assert.Contains("| a | b |", card, StringComparison.Ordinal);
            Assert.DoesNotContain("old", card, StringComparison.Ordinal);
            Assert.True(card.IndexOf("new generated text", StringComparison.Ordinal) < card.IndexOf(ModelCard.NotesHeading, StringComparison.Ordinal));

            // And a second re-export keeps them once, not twice.
            new ModelCard().Heading("New title", 1).Write(folder);
            var again = File.ReadAllText(path);
            Assert.Equal(1, again.Split(ModelCard.NotesHeading).Length - 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_card_without_notes_is_replaced_whole()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-card-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ModelCard.FileName), "# Old\n\nold text\n");

            var card = File.ReadAllText(new ModelCard().Heading("New", 1).Write(folder));

            Assert.Equal($"# New{Environment.NewLine}", card);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
