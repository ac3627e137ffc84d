using HotlineDispatch.Grid;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Grid;

/// <summary>The stand-in detector, held only to the example set: the learned analyzer replaces it.</summary>
public sealed class PhraseRequestDetectorTests
{
    [Fact]
    public async Task Of_the_example_set_exactly_the_two_requests_are_requests()
    {
        var detector = new PhraseRequestDetector();
        foreach (var (text, isRequest) in GroupExamples.Messages)
        {
            Assert.True(isRequest == (await detector.AnalyzeAsync(text, TicketChannel.Chat)).IsRequest, text);
        }
    }
}
