package io.flightdeck.aggregator.messages;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flightdeck.aggregator.paging.Envelope;
import io.flightdeck.aggregator.paging.PublicPage;
import io.flightdeck.record.v2010.ListedRecord;
import io.flightdeck.record.v2010.PublicMessage;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of messages: {@code messages} beside the v2010 paging envelope. */
public record MessageList(
    @Schema(type = SchemaType.ARRAY, implementation = PublicMessage.class)
        List<ListedRecord> messages,
    @JsonUnwrapped Envelope envelope)
    implements PublicPage {}
