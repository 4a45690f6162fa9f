/**
 * The implementation of the S3 blob store: URI options, the upload, copy, verified read and cleanup
 * flows, and the AWS SDK client they share. No compatibility promise.
 */
@NullMarked
package dev.mlops.storage.s3.internal;

import org.jspecify.annotations.NullMarked;
