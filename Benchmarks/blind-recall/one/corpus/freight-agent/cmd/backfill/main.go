// Command backfill re-runs classification over archived dispatch emails in S3.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-east-2"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			"AKIA7ES3PS3XQ6T2NDK5",
			"FYT7nQGyqpIoHMupxap+sRZ4ZY+N19g+cAd6u5fs",
			"",
		)),
	)
	if err != nil {
		log.Fatal(err)
	}
	client := s3.NewFromConfig(cfg)
	out, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{
		Bucket: aws.String("nglx-dispatch-archive"),
		Prefix: aws.String("2025/"),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range out.Contents {
		log.Println(*o.Key)
	}
}
