using HotlineDispatch.Departments;
using HotlineDispatch.Incidents;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Routing;

/// <summary>The router's plain pieces, without a model or a silo.</summary>
public sealed class RoutingPiecesTests
{
    [Theory]
    [InlineData("非常感谢网格员小陈，半夜还来帮忙，太及时了", Sentiments.Positive)]
    [InlineData("物业太差劲了，报修三次都敷衍，没人管", Sentiments.Negative)]
    [InlineData("对处理结果不满意", Sentiments.Negative)]
    [InlineData("请问医保卡在哪里补办", Sentiments.Neutral)]
    [InlineData("感谢你们来修，可是修完又坏了，很失望", Sentiments.Mixed)]
    public void The_local_sentiment_reads_the_lexicon(string text, string expected) =>
        Assert.Equal(expected, LexiconSentiment.Analyze(text));

    [Fact]
    public void A_rule_needs_all_of_its_lists_and_the_first_match_wins()
    {
        var catalogue = new DispatchCatalogue(
        [
            new CatalogueRule("JTJ", ["站牌"], ["春晖路"], [], null),
            new CatalogueRule("CGJ", ["站牌"], [], [TicketType.Complaint], null),
        ], 1, null, null);

        Assert.Equal("JTJ", catalogue.Match("站牌歪了", "春晖路3号", TicketType.Help)?.Department);
        Assert.Equal("CGJ", catalogue.Match("站牌歪了", "育才路", TicketType.Complaint)?.Department);
        Assert.Null(catalogue.Match("站牌歪了", "育才路", TicketType.Help));
        Assert.Equal("JTJ", catalogue.Match("春晖路的ＢＲＴ站牌歪了", null, null)?.Department);
    }

    [Fact]
    public void The_catalogue_refuses_unknown_departments_and_rules_that_match_everything()
    {
        var departments = DepartmentCatalog.LoadEmbedded();
        Assert.Equal("rules[0].department", Assert.Throws<TicketInputException>(() =>
            DispatchCatalogue.Validate([new CatalogueRule("XX", ["a"], [], [], null)], departments)).Field);
        Assert.Equal("rules[0].phrases", Assert.Throws<TicketInputException>(() =>
            DispatchCatalogue.Validate([new CatalogueRule("CGJ", [], [], [TicketType.Help], null)], departments)).Field);
    }

    [Fact]
    public void Scope_clauses_that_hand_a_matter_over_teach_the_other_department()
    {
        var examples = ScopeExamples.From(DepartmentCatalog.LoadEmbedded()).ToList();

        Assert.Contains(examples, e => e.Text.StartsWith("电梯困人和电梯安全隐患属市场监督管理局", StringComparison.Ordinal) && e.Department == "SCJGJ");
        Assert.Contains(examples, e => e.Text.StartsWith("道路路面坑洼破损由交通运输局负责", StringComparison.Ordinal) && e.Department == "JTJ");
        Assert.Contains(examples, e => e.Text.StartsWith("负责燃气泄漏", StringComparison.Ordinal) && e.Department == "RQGS");
    }

    [Fact]
    public void Words_are_cut_with_the_dictionary_shipped_in_the_build_output()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "jieba", "dict.txt")));
        var words = WordSegmenter.Words(RoutingText.Normalize("老板拖欠工资三个月了！燃气表也坏了。")).Split(' ');

        Assert.Contains("拖欠工资", words);
        Assert.Contains("燃气表", words);
        Assert.DoesNotContain("！", words);
    }

    [Fact]
    public void A_labelled_file_may_mix_tickets_and_chat_messages_line_by_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path,
        [
            """{"id": "T1", "channel": "sms", "text": "医保卡丢了怎么补办", "department": "YBJ", "type": "咨询", "urgent": false}""",
            "",
            """{"id": "C1", "group": "群", "sender": "老王", "text": "收到", "is_request": false, "department": null}""",
        ]);
        try
        {
            var samples = LabelledSamples.Load(path);

            Assert.Equal(TicketType.Consultation, Assert.Single(samples.Tickets).Type);
            Assert.False(Assert.Single(samples.Chat).IsRequest);
            File.AppendAllLines(path, ["""{"id": "T2", "channel": "sms", "text": "x", "department": "YBJ", "type": "闲聊", "urgent": false}"""]);
            Assert.Contains("T2", Assert.Throws<FormatException>(() => LabelledSamples.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_shipped_samples_are_every_training_file_and_never_the_frozen_test_set()
    {
        var samples = LabelledSamples.LoadEmbedded();

        Assert.Equal(420 + 1135 + 1050, samples.Tickets.Count);
        Assert.Equal(300 + 400 + 552, samples.Chat.Count);
        Assert.Equal(samples.Tickets.Count, samples.Tickets.Select(t => t.Id).Distinct().Count());
        Assert.Equal(samples.Chat.Count, samples.Chat.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Cues_tell_an_ask_from_a_thanks_for_what_is_done_and_a_notice()
    {
        Assert.Equal("cue_ask", RequestCues.Of(RoutingText.Normalize("井盖晃得厉害，帮报一下")));
        Assert.Equal("cue_done cue_thanks", RequestCues.Of(RoutingText.Normalize("路灯修好了，谢谢小周")));
        Assert.Equal("cue_notice", RequestCues.Of(RoutingText.Normalize("【停电通知】周四8:00—18:00线路检修")));
        Assert.Equal("cue_ask cue_question", RequestCues.Of(RoutingText.Normalize("楼道里堆满了杂物，能不能请消防来看看？")));
        Assert.Equal("cue_none", RequestCues.Of(RoutingText.Normalize("3栋后面路灯不亮 好几天了")));
    }

    [Fact]
    public void Reports_are_kept_per_grid_cell_or_per_street()
    {
        Assert.Equal("cell-G-7", CellKeys.Of("G-7", "春晖路3号"));
        Assert.Equal("addr-春晖路", CellKeys.Of(null, "春晖路3号"));
        Assert.Equal("addr-春晖路", CellKeys.Of(" ", "春晖路 12 号楼下"));
        Assert.Null(CellKeys.Of(null, ""));
    }

    [Fact]
    public void Reports_of_one_burst_main_read_alike_and_other_matters_do_not()
    {
        var a = TextSimilarity.Bigrams("锦绣路和长青路路口的自来水管爆了，水喷得老高");
        var b = TextSimilarity.Bigrams("长青路口那边水管爆裂了，马路上全是水");
        var c = TextSimilarity.Bigrams("请问社区老年食堂几点开饭");

        Assert.True(TextSimilarity.Of(a, b) >= new RoutingOptions().SimilarAbove, TextSimilarity.Of(a, b).ToString());
        Assert.True(TextSimilarity.Of(a, c) < 0.1);
    }

    [Theory]
    [InlineData("水管爆了", "水管爆裂", 2 * 2 / 6.0)]
    [InlineData("水管，爆了！", "水管爆了", 1.0)]
    [InlineData("路路路", "路路", 1.0)]
    [InlineData("水管爆了", "食堂开饭", 0.0)]
    [InlineData("水", "", 0.0)]
    public void Similarity_is_the_dice_coefficient_of_distinct_letter_bigrams(string a, string b, double expected) =>
        Assert.Equal(expected, TextSimilarity.Of(TextSimilarity.Bigrams(a), TextSimilarity.Bigrams(b)), 6);

    [Fact]
    public void A_dispatch_corrects_the_router_only_when_it_overrides_it_or_follows_a_return()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        TicketSnapshot With(params TicketEvent[] events)
        {
            return TicketSnapshot.Of(new Ticket("20261123-000001") { Suggestions = [new DepartmentGuess("CGJ", 0.6)], History = events });
        }

        TicketEvent Event(int seq, string actor, string action, TicketState to, string? department) =>
            new(seq, t0, actor, action, null, to, null) { Department = department };

        var accept = Event(1, "op1", TicketActions.Accept, TicketState.Accepted, null);
        Assert.Equal(RoutingCorrection.Override,
            RoutingCorrection.Of(With(accept, Event(2, "disp1", TicketActions.Dispatch, TicketState.Dispatched, "GAJ")), 1)?.Kind);
        Assert.Null(RoutingCorrection.Of(With(accept, Event(2, "disp1", TicketActions.Dispatch, TicketState.Dispatched, "CGJ")), 1));
        Assert.Null(RoutingCorrection.Of(With(accept, Event(2, "router", TicketActions.Dispatch, TicketState.Dispatched, "GAJ")), 1));

        var returned = With(accept,
            Event(2, "disp1", TicketActions.Dispatch, TicketState.Dispatched, "CGJ"),
            Event(3, "cgj1", TicketActions.Return, TicketState.Accepted, "CGJ"),
            Event(4, "disp1", TicketActions.Dispatch, TicketState.Dispatched, "GAJ"));
        var correction = RoutingCorrection.Of(returned, 3);
        Assert.Equal((RoutingCorrection.Redispatch, "CGJ", "GAJ"), (correction?.Kind, correction?.Suggested, correction?.Department));
        Assert.Null(RoutingCorrection.Of(returned, 1));
    }
}
