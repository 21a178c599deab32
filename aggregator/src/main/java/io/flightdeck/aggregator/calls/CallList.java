package io.flightdeck.aggregator.calls;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flightdeck.aggregator.paging.Envelope;
import io.flightdeck.aggregator.paging.PublicPage;
import io.flightdeck.record.v2010.ListedRecord;
import io.flightdeck.record.v2010.PublicCall;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of calls: {@code calls} beside the v2010 paging envelope. Each call is written as its
 * store encoded it ({@code ListedRecord}); the schema is {@link PublicCall}'s.
 */
public record CallList(
    @Schema(type = SchemaType.ARRAY, implementation = PublicCall.class) List<ListedRecord> calls,
    @JsonUnwrapped Envelope envelope)
    implements PublicPage {}
