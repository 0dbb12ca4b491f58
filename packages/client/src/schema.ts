/**
 * GENERATED: do not edit. The API's OpenAPI document (GET /docs/openapi.json) run through
 * openapi-typescript. Regenerate after changing a route's contract or a domain schema:
 *
 *   ATELIER_UPDATE_CLIENT_SCHEMA=1 pnpm --filter @atelier/api exec jest -c jest.integration.config.js test/openapi-drift.int-spec.ts
 *
 * CI runs the same spec without the variable and fails when this file is out of date.
 */

export interface paths {
    "/architectures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List architectures */
        get: operations["architecturesList"];
        put?: never;
        /**
         * Create a custom architecture
         * @description Checked like POST /architectures/summary for 28×28×1 images and 10 classes; the key must be new.
         */
        post: operations["architecturesCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/architectures/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Summarise a layer list before using it
         * @description The softmax classifier the model builder appends is the last row (output: true). 400 names the layer that cannot be built.
         */
        post: operations["architecturesSummarize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current session */
        get: operations["authSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether set-up is needed */
        get: operations["authSetupStatus"];
        put?: never;
        /** Create the first admin */
        post: operations["authSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Sets the http-only cookie atelier_session. Writes made with it must send x-atelier-csrf: <csrfToken>.
         */
        post: operations["authSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out */
        post: operations["authSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare trials across experiments
         * @description Up to 50 trials. Per trial: its experiment and dataset (class names), hyperparameters, scores, the mean ± std curve over folds and each fold's curve, and its newest evaluation of each split without sample predictions: `validation` (out-of-fold, once its folds finish) and `test` (once it was refit). A missing split is null, never the other split in its place: a difference of matrices or a best-of marking must only compare evaluations of the same split and dataset (`compareSplit` in @atelier/domain does that). `refitStatus` says whether the search's own refit of this trial is under way. `differing` names the hyperparameters whose values are not all equal: what a legend needs.
         */
        get: operations["compareGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List datasets
         * @description `available` says whether the files were found in ATELIER_DATASET_DIR or the download cache.
         */
        get: operations["datasetsList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a dataset with its data-quality report
         * @description Class counts per split, exact duplicate images (SHA-1 of the pixels; across splits and with conflicting labels), and empty, constant or mislabelled images. Computed over every image on first request, then cached by the API process.
         */
        get: operations["datasetsGet"];
        put?: never;
        post?: never;
        /**
         * Delete an imported dataset
         * @description Removes the row and its files under ATELIER_DATA_DIR/datasets/<key>/. Refused while any experiment uses it, trashed ones included (the message names them).
         */
        delete: operations["datasetLifecycleDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{key}/correlation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pixel–label correlation map (train split)
         * @description For each pixel, the correlation ratio η = sqrt(SS_between / SS_total) of its intensity against the class: 0 when every class has the same mean there, 1 when the pixel's value is fully determined by the class. η rather than Pearson's r, because labels are unordered categories: r against the label number would change if the classes were renumbered. Pixels that never vary get 0.
         */
        get: operations["datasetsCorrelation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{key}/images/{split}/{index}.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One image as a PNG
         * @description Grayscale, at the dataset’s own size (28×28 for the MNIST family); scale it up with `image-rendering: pixelated`.
         */
        get: operations["datasetsImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{key}/mean-images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mean image per class (train split) */
        get: operations["datasetsMeanImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{key}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A seeded random sample of images
         * @description The same seed gives the same images. Each item has the path of its PNG.
         */
        get: operations["datasetsSamples"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a dataset from CSV or IDX files
         * @description multipart/form-data with these text fields:
         *     - `key` (required): lower-case letters, digits and dashes; unique
         *     - `name` (required): display name
         *     - `classNames`: one name per label, in label order (JSON array, one per line, or comma-separated); default "0".."n-1"
         *     - `testFraction`: with no test file, the fraction of the train file held out (stratified) as the test split; default 1/7
         *     - `seed`: seed of that holdout; default 0
         *
         *     and either CSV files (Kaggle layout: the label, then one column per pixel 0..255, row-major; header line optional; .gz accepted)
         *     - `trainCsv` (required), `testCsv`
         *
         *     or IDX files (MNIST format, unsigned byte, .gz or raw)
         *     - `trainImages`, `trainLabels` (required), `testImages`, `testLabels`
         *
         *     The files are checked strictly (ragged rows, non-numeric or out-of-range values, bad IDX headers, count mismatches…);
         *     the first problem is answered as a 400 naming the file and the line. Nothing is stored unless everything is valid.
         *     Files are read as streams: a CSV line longer than 12,560 bytes (the widest row of a 28×28 image and its label) and a
         *     file larger than ATELIER_MAX_IMPORT_INFLATED_BYTES once decompressed are 400s. An unknown text field is a 400 naming it.
         *
         *     Valid files can still hold data nobody should train on. The import checks for blank images (every pixel the same),
         *     a single populated class, declared classes without images (e.g. labels 1..9 with default names "0".."9"), heavy
         *     exact duplication or test images that also occur in train, and an empty test split. **Confirm step:** when there is
         *     any such warning and `acknowledgeWarnings` is not `true`, the answer is **422** `unconfirmed_warnings` with
         *     the `warnings` (kind, message, count) and nothing is stored; send the same request again with
         *     `acknowledgeWarnings=true` to import anyway. The warnings are stored with the dataset and returned in its
         *     `warnings` wherever it is listed, so every page that uses it can repeat them.
         *     The dataset is stored as IDX under ATELIER_DATA_DIR/datasets/<key>/ and can be trained on at once.
         */
        post: operations["datasetsImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List experiments, sorted and filtered
         * @description Sort by `sort` (createdAt, name, status, dataset, trialCount, bestValAccuracy, finishedAt) and `order`; experiments without a value sort last, ties by createdAt (newest first) then id, so pages are stable. Filter by `status` (a list: `status=running,queued`), `dataset` (its key), `strategy` (grid, random, asha, hyperband, tpe) and `q` (text in the name or description, ignoring case). Unknown query parameters are refused with 400.
         */
        get: operations["experimentsList"];
        put?: never;
        /**
         * Create an experiment and queue its training jobs
         * @description Besides the schema, the request must name a known dataset and trainable architectures, keep the training slice within the training set, and stay within MAX_TRIALS trials and MAX_TOTAL_EPOCHS epochs (or the lower limits of the request budget).
         */
        post: operations["experimentsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an experiment
         * @description Either kind, told apart by `kind`: a search ('search', an ExperimentDetail: its trial counts per status, its best trial and its first 200 trials by number with their folds, bounded whatever the size of the search; GET /experiments/{id}/trials pages, sorts and filters all of them) or a tracked experiment ('tracked', runs logged from code: a TrackedExperimentDetail with its notes and run counts, its status following its runs). A tracked experiment's runs are listed by GET /runs?experiment=<id>.
         */
        get: operations["experimentsGet"];
        put?: never;
        post?: never;
        /**
         * Delete an experiment to the trash
         * @description The experiment and its runs disappear from every list and read; GET /trash lists it until it is restored (POST /trash/experiment/{id}/restore), purged (DELETE /trash/experiment/{id}) or swept after ATELIER_TRASH_RETENTION_DAYS. A search that is queued, running or paused is cancelled first.
         */
        delete: operations["experimentLifecycleTrash"];
        options?: never;
        head?: never;
        /**
         * Edit an experiment
         * @description Searches and tracked experiments alike. `name`, `description` and `notes` (markdown) replace what is stored; `tags` merge, as on PATCH /runs/{id}: a value sets a tag, null removes it. Nothing is stored unless everything is.
         */
        patch: operations["experimentsUpdate"];
        trace?: never;
    };
    "/experiments/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive an experiment
         * @description Archived rows stay readable by id and keep training, but lists leave them out unless asked with `include=archived`.
         */
        post: operations["experimentLifecycleArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an experiment
         * @description Queued trials and folds are cancelled and their jobs removed; running folds stop at their next batch.
         */
        post: operations["experimentsCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live progress (server-sent events)
         * @description Every progress event of the experiment. The stream starts with a `snapshot` event (resumed, with the missed events after it, or with the current state and the id to resume from), then each event as `id: <event id>`, `event: <type>`, `data: <ProgressEvent JSON>`; `retry: 1000`; a comment line every 15 s keeps it open. A client that reconnects with the Last-Event-ID header (or `?lastEventId=`) is sent what it missed, for an hour.
         */
        get: operations["experimentsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An experiment's trials ranked by mean cross-validation accuracy
         * @description Order: under ASHA the highest rung reached first, then mean validation accuracy, then fewer parameters, then trial number (the rule that picks the experiment's best trial). Rows tied with the best are those within one standard error of its mean (SE = its fold std / √k); diverged rows have a non-finite loss or chance-level accuracy. The view's importance is fANOVA over random forests fitted on bootstrap resamples of the scores (median and quartiles over the resamples, with the unexplained share), diverged trials left out; under ASHA over the scores of one rung (`rung`), where epochs is never a dimension.
         */
        get: operations["leaderboardGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Epoch metrics of some trials, by fold
         * @description With `trials`, those trial numbers (at most 200; numbers the experiment does not have are left out); without, the first 200 trials by number. Bounded whatever the size of the search: page through the trials with GET /experiments/{id}/trials and ask for their numbers.
         */
        get: operations["experimentsMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an experiment's overview
         * @description Every trial when there are at most 100; above that, only the trials worth watching (running ones, the 10 best, the 10 finished last, the best trial) and totals over the others. Trial counts and the best trial cover every trial. ASHA searches get each rung's outcomes (at most 1000 scores per rung).
         */
        get: operations["experimentsOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause an experiment
         * @description Queued folds are held and their jobs removed; running folds stop at their next batch and restart their current rung on resume. Completed work is kept.
         */
        post: operations["experimentsPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/refit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refit an experiment's best trial so far
         * @description Queues the refit job a completed search gets (retrain on every training image, test-set evaluation, model zip) for the leaderboard's first trial. Only when nothing trains: a paused search stays paused. Refused while running, while a refit is queued or running, and when that trial was already refit.
         */
        post: operations["experimentsRefit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused experiment */
        post: operations["experimentsResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/trials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of an experiment's trials, sorted and filtered
         * @description `filter`: the filter language of GET /runs, compiled by the same code, e.g. `params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed'` (a filter that does not parse is a 400 whose `position` is the 0-based offset of the problem). `sort`: a column of the table (a hyperparameter, read at its default where a trial lacks it, or a score) or any field of the language (`params.dropout`, `metrics.val_loss`); `order` its direction; rows without a value sort last, ties by trial number. The older filters still apply, ANDed with `filter`: a list of values (`optimizer=adam,sgd`, `status=completed`, `number=2,5,11`) or an inclusive range (`learningRate.min=0.001`, `meanValAccuracy.max=0.9`). Unknown query parameters are refused with 400. Rows are light (no folds, no curves) but carry their params and metric summaries; `keys` lists every params and metric key of the experiment, for the columns.
         */
        get: operations["trialTablePage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/trials.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every trial of an experiment as CSV
         * @description Columns: number, status, the hyperparameters, meanValAccuracy, stdValAccuracy, meanValLoss, parameterCount, rung, testAccuracy, then metrics.<key> (last value) per metric key of the experiment. The same `filter`, `sort`, `order` and older filters as the table select and order the lines; `limit` and `offset` are ignored (every matching trial). Streamed (chunked, no Content-Length) from one consistent read of the database, a batch of trials at a time, so any size exports in bounded memory; a download that fails midway is cut off (its chunked body never ends), never a shorter file that looks whole. RFC 4180 (CRLF line ends), UTF-8; empty where a trial has no value, NaN and ±Infinity as those words; a text cell starting with = + - @, a tab or a carriage return gets a leading ' so a spreadsheet does not run it as a formula (numbers never do).
         */
        get: operations["trialTableCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/{id}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unarchive an experiment */
        post: operations["experimentLifecycleUnarchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/experiments/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check an experiment and compute its size without creating it
         * @description Besides the schema, the request must name a known dataset and trainable architectures, keep the training slice within the training set, and stay within MAX_TRIALS trials and MAX_TOTAL_EPOCHS epochs (or the lower limits of the request budget).
         */
        post: operations["experimentsPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of the API and its dependencies */
        get: operations["healthCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness of the API process */
        get: operations["healthLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Request durations by route and status, the training queue by state, SSE clients, process metrics.
         */
        get: operations["metricsScrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a stored model */
        get: operations["modelsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a model as a zip
         * @description TF.js layers files (load with tf.loadLayersModel once extracted) and the model card as JSON and Markdown.
         */
        get: operations["modelsDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{id}/model-card.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a model's card
         * @description The card (format 'atelier-model-card/1'): dataset, class names, preprocessing, input shape, hyperparameters, cross-validation and test scores.
         */
        get: operations["modelsCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{id}/model.onnx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a model as ONNX
         * @description One .onnx file (opset 13) for onnxruntime and other ONNX readers: input 'input' of shape [batch, height, width, 1], float32 pixels scaled to [0, 1] (channels last, as in TF.js); output 'output', one softmax probability per class. metadata_props carry the model card: 'atelier.model_card' (JSON), 'atelier.model_card.md' (Markdown) and 'atelier.class_names' (the class names).
         */
        get: operations["modelsOnnx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models/{id}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify an image with a stored model
         * @description Either multipart/form-data with the PNG in the field 'image' (any colour type; converted to grayscale, alpha over black), or JSON { pixels: number[784], scale?: '0-255' | '0-1' } (row by row; default '0-255'). Answers every class, most probable first.
         */
        post: operations["modelsPredict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my projects */
        get: operations["projectsList"];
        put?: never;
        /** Create a project */
        post: operations["projectsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: operations["projectsGet"];
        put?: never;
        post?: never;
        /** Delete an empty project */
        delete: operations["projectsDelete"];
        options?: never;
        head?: never;
        /** Rename a project */
        patch: operations["projectsRename"];
        trace?: never;
    };
    "/projects/{slug}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the audit log */
        get: operations["projectsAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{slug}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List members */
        get: operations["projectsMembers"];
        put?: never;
        /** Add a member */
        post: operations["projectsAddMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{slug}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member, or leave
         * @description Owners remove anyone; every member may remove themselves (leave). The last owner cannot leave.
         */
        delete: operations["projectsRemoveMember"];
        options?: never;
        head?: never;
        /** Change a member's role */
        patch: operations["projectsUpdateMember"];
        trace?: never;
    };
    "/registered-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List registered models */
        get: operations["registryList"];
        put?: never;
        /** Create a registered model */
        post: operations["registryCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a registered model with its versions and aliases */
        get: operations["registryGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set an alias */
        put: operations["registrySetAlias"];
        post?: never;
        /** Delete an alias */
        delete: operations["registryDeleteAlias"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/aliases/{alias}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the version an alias points at */
        get: operations["registryDownloadAlias"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/aliases/{alias}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An alias's history */
        get: operations["registryAliasHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/aliases/{alias}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify an image with the version an alias points at
         * @description Either multipart/form-data with the PNG in the field 'image', or JSON { pixels: number[784], scale?: '0-255' | '0-1' }, as POST /models/{id}/predict. The answer names the version that classified the image.
         */
        post: operations["registryPredictAlias"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register a model version
         * @description { modelId } registers a stored model; { runId } registers the one model of a run. Versions are numbered 1, 2, 3… per name.
         */
        post: operations["registryAddVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a version
         * @description The version number is not handed out again; the stored model stays with the run that made it. Refused while an alias points at it.
         */
        delete: operations["registryDeleteVersion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/versions/{version}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a model version as a zip */
        get: operations["registryDownloadVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registered-models/{name}/versions/{version}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify an image with a model version
         * @description Either multipart/form-data with the PNG in the field 'image', or JSON { pixels: number[784], scale?: '0-255' | '0-1' }, as POST /models/{id}/predict. The answer names the version that classified the image.
         */
        post: operations["registryPredictVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List runs, filtered and sorted
         * @description Runs logged from code and the trials of searches alike. `filter`: comparisons (= != < <= > >=, `in (…)`, `not in (…)`, `contains`, `like`, `ilike`, `is null`, `is not null`) of `params.<key>` (typed: numbers compare as numbers, text as text, true/false), `metrics.<key>` (its last value; `metrics.<key>.min` and `.max` too), `tags.<key>` (text) and `attributes.<name>` (id, name, number, status, source, experiment, created, started, finished, lastSeen), joined with `and`, `or`, `not` and parentheses. Keys with other characters go in backticks: params.`my key`. Example: `params.optimizer = 'adam' and metrics.val_accuracy > 0.9`. A comparison with a field the run lacks is false; a NaN metric compares false. `sort`: one of those fields, then `asc` (default) or `desc`; runs without a value (or at NaN) come last either way, ties by id (in the direction of the sort). Default: newest first. A filter or sort that does not parse is a 400 whose `position` is the 0-based offset of the problem. Pages: pass `nextCursor` back as `cursor` with the same experiment, filter and sort. `total` counts the matching runs up to 10,000 (ATELIER_RUN_LIST_COUNT_LIMIT) within 50 ms (ATELIER_RUN_LIST_COUNT_MS): when more match it is 10,000, and when counting takes longer it is the runs listed up to this page; either way `totalIsLowerBound` is true (at least `total` runs match). The last page always has the exact total.
         */
        get: operations["runsList"];
        put?: never;
        /**
         * Create a run
         * @description The experiment is named, not referenced: the project gets a tracked experiment of that name on its first run. Parameters may be nested objects (flattened to dotted keys); each value must be a number, a string or a boolean. The run is queued until it first logs.
         */
        post: operations["runsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a run */
        get: operations["runsGet"];
        put?: never;
        post?: never;
        /**
         * Delete a run to the trash
         * @description Hidden from every list and read until restored, purged or swept (see DELETE /experiments/{id}). Its metric points, artifacts and models are kept until it is purged.
         */
        delete: operations["runLifecycleTrash"];
        options?: never;
        head?: never;
        /**
         * End or edit a run
         * @description `status` ends a run logged from code: finished, failed or killed (shown as completed, failed, cancelled). Ending it again with the same status is harmless; with another one, a 409. Tags merge: a value sets a tag, null removes it.
         */
        patch: operations["runsUpdate"];
        trace?: never;
    };
    "/runs/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a run
         * @description Archived rows stay readable by id and keep training, but lists leave them out unless asked with `include=archived`.
         */
        post: operations["runLifecycleArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a run's artifacts */
        get: operations["runArtifactsList"];
        put?: never;
        /**
         * Log files to a run
         * @description multipart/form-data with one or more file parts (any field name). Each file's artifact name is
         *     the `path` text field sent just before it ("plots/roc.png"), or else the part's file name. Names are relative paths
         *     within the run: no `..` segments, no leading `/`, at most 500 characters.
         *
         *     - The files stream to the artifact store (ATELIER_ARTIFACT_DIR) while their SHA-256 is computed; a file larger than
         *       ATELIER_ARTIFACT_MAX_BYTES is a **413** and nothing of the request is stored.
         *     - A name the run already has is a **409** unless `?overwrite=true`, which replaces it (new id, old file removed).
         *     - Finished runs take files too (as in MLflow: plots and reports are often made after training).
         *     - All or nothing: one refused part and no file of the request is stored.
         *
         *     Example: `curl -F path=plots/roc.png -F file=@roc.png -F file=@report.html <api>/runs/<id>/artifacts`
         */
        post: operations["runArtifactsUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/artifacts/{artifactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an artifact of a run
         * @description Streams the file as uploaded (a model: its export zip). ETag is the SHA-256; If-None-Match and Range work.
         */
        get: operations["runArtifactsDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A run's evaluations
         * @description A search trial's out-of-fold and test evaluations (with their sample predictions), or those logged from code.
         */
        get: operations["runsListEvaluations"];
        put?: never;
        /**
         * Log an evaluation (a confusion matrix) to a run
         * @description counts[true][predicted] over the class names; the API computes accuracy, per-class precision, recall, F1 and support, macro and weighted averages and the top confusions with the rule the workers use for a search's trials. One evaluation per run and split: logging one again replaces it, so a retried request stores one. At most 100 classes. A run that has ended may still log one (a model is evaluated once trained).
         */
        post: operations["runsLogEvaluation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A run's live progress (server-sent events)
         * @description The `run` events of its logs and status changes (and, for a search trial, its training events), as on the experiment stream. The stream starts with a `snapshot` event (resumed, with the missed events after it, or with the current state and the id to resume from), then each event as `id: <event id>`, `event: <type>`, `data: <ProgressEvent JSON>`; `retry: 1000`; a comment line every 15 s keeps it open. A client that reconnects with the Last-Event-ID header (or `?lastEventId=`) is sent what it missed, for an hour.
         */
        get: operations["runsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log metrics, parameters and tags to a run
         * @description At most 1000 points per batch. A point is (key, fold, step): sent again, it replaces itself, so a batch can be retried safely. Values are numbers or the strings "NaN", "Infinity", "-Infinity". A parameter is set once: the same value again is fine, another is a 409. A queued run starts running at its first log. Live: a `run` event on GET /runs/{id}/events and GET /experiments/{experimentId}/events.
         */
        post: operations["runsLog"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A run's metric series
         * @description One series per key and fold (fold null: the run as a whole). With `points`, a longer series is cut to at most that many points by equal-width step buckets that each keep their first, last, minimum and maximum point (M4), so the curve keeps its shape and its extremes. Without it, every point up to 100000 per series.
         */
        get: operations["runsMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a TF.js model from a run (tf.io.http)
         * @description Exactly what `model.save(tf.io.http('<api>/runs/<id>/model?dataset=fashion-mnist'))` sends: the
         *     multipart parts `model.json` (topology + weightsManifest) and `model.weights.bin`. The model becomes a model artifact
         *     like a search's refit: the same export zip and model card, usable by GET /models/{id}, its download and its predict route.
         *
         *     - The dataset (class names and image size for the model card and for predictions) is `?dataset=`, a `dataset` form
         *       field, the run's `dataset` parameter, or the dataset of the run's search.
         *     - **400** when model.json is not a layers model, when model.weights.bin's length differs from what the manifest
         *       describes (the message gives both), or when predictions could not work: the input must be [null, height, width, 1]
         *       of the dataset's images, the output [null, number of classes].
         *     - **413** above ATELIER_MODEL_UPLOAD_MAX_BYTES. The artifact is named `model` unless `?name=`; a taken name is a
         *       **409** unless `?overwrite=true`.
         */
        post: operations["runArtifactsUploadModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{id}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unarchive a run */
        post: operations["runLifecycleUnarchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my API tokens */
        get: operations["tokensList"];
        put?: never;
        /**
         * Create an API token
         * @description Send it as Authorization: Bearer <token>. A read token can only GET; a write token has its owner's role in its project.
         */
        post: operations["tokensCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: operations["tokensRevoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the trash
         * @description Trashed experiments, and trashed runs whose experiment is not itself in the trash (those go with it).
         */
        get: operations["trashList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trash/{kind}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Purge from the trash
         * @description Removes the rows (runs, folds, checkpoints, metric points, evaluations, artifacts and models) and every file its runs stored in the artifact store. Cannot be undone: a restore then answers 410.
         */
        delete: operations["trashPurge"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trash/{kind}/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore from the trash
         * @description Everything comes back: runs, metric points, folds, evaluations, artifacts and models were kept.
         */
        post: operations["trashRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a trial */
        get: operations["trialsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A trial's evaluations
         * @description 'validation': the folds' out-of-fold predictions summed; 'test': the refitted model on the test set (only after a refit).
         */
        get: operations["trialsEvaluations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/folds/{fold}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Epoch metrics of one fold */
        get: operations["trialsFoldMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A trial's stored models
         * @description Download one with GET /models/{id}/download, or classify an image with POST /models/{id}/predict.
         */
        get: operations["trialsModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/refit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refit a trial and evaluate it on the test set
         * @description Retrains the trial's hyperparameters on every training image of its experiment, scores the model on the test set and stores it as a new model artifact with a 'test' evaluation. A second request while the first is queued or running is the same job.
         */
        post: operations["trialsRefit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's storage
         * @description Counts of experiments, runs, metric points and evaluations, and the bytes of stored models (in the database) and run files (in the artifact store): in total, and for what is in the trash (what purging it, or the sweep, frees). Then the experiments holding the most bytes.
         */
        get: operations["usageGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["usersList"];
        put?: never;
        /** Create a user */
        post: operations["usersCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a user */
        patch: operations["usersUpdate"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiError: {
            /** @description HTTP status code */
            statusCode: number;
            /** @description Short machine-readable code, e.g. 'validation_failed' or 'not_found' */
            error: string;
            /** @description What went wrong, phrased so a user can act on it */
            message: string;
            /** @description One entry per invalid field, for validation errors */
            issues?: {
                path: string;
                message: string;
            }[];
        };
        ArchitectureSummary: {
            id: string;
            key: string;
            name: string;
            description: string;
            builtin: boolean;
            spec: components["schemas"]["ArchitectureSpec"];
            /** @description Trainable parameters for 28x28x1 inputs and 10 classes */
            parameterCount: number | null;
            createdAt: string;
        };
        ArchitectureSpec: {
            /**
             * @default layers
             * @enum {string}
             */
            kind: "layers" | "knn";
            layers: ({
                /** @constant */
                type: "conv2d";
                filters: number;
                kernelSize: number | [
                    number,
                    number
                ];
                strides?: number | [
                    number,
                    number
                ];
                /** @enum {string} */
                padding?: "valid" | "same";
                /**
                 * @description Activation of the hidden layers
                 * @enum {string}
                 */
                activation?: "relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear";
            } | {
                /** @constant */
                type: "maxPooling2d";
                poolSize: number | [
                    number,
                    number
                ];
                strides?: number | [
                    number,
                    number
                ];
                /** @enum {string} */
                padding?: "valid" | "same";
            } | {
                /** @constant */
                type: "averagePooling2d";
                poolSize: number | [
                    number,
                    number
                ];
                strides?: number | [
                    number,
                    number
                ];
                /** @enum {string} */
                padding?: "valid" | "same";
            } | {
                /** @constant */
                type: "dropout";
                rate: number;
            } | {
                /** @constant */
                type: "batchNormalization";
            } | {
                /** @constant */
                type: "flatten";
            } | {
                /** @constant */
                type: "dense";
                units: number;
                /**
                 * @description Activation of the hidden layers
                 * @enum {string}
                 */
                activation?: "relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear";
            })[];
        };
        CreateArchitectureRequestInput: {
            /** @description The project's slug; default: the token's project, else 'default' */
            project?: string;
            key: string;
            name: string;
            /** @default  */
            description?: string;
            spec: components["schemas"]["ArchitectureSpecInput"];
        };
        ArchitectureSpecInput: {
            /**
             * @default layers
             * @enum {string}
             */
            kind?: "layers" | "knn";
            layers: ({
                /** @constant */
                type: "conv2d";
                filters: number;
                kernelSize: number | [
                    number,
                    number
                ];
                strides?: number | [
                    number,
                    number
                ];
                /** @enum {string} */
                padding?: "valid" | "same";
                /**
                 * @description Activation of the hidden layers
                 * @enum {string}
                 */
                activation?: "relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear";
            } | {
                /** @constant */
                type: "maxPooling2d";
                poolSize: number | [
                    number,
                    number
                ];
                strides?: number | [
                    number,
                    number
                ];
                /** @enum {string} */
                padding?: "valid" | "same";
            } | {
                /** @constant */
                type: "averagePooling2d";
                poolSize: number | [
                    number,
                    number
                ];
                strides?: number | [
                    number,
                    number
                ];
                /** @enum {string} */
                padding?: "valid" | "same";
            } | {
                /** @constant */
                type: "dropout";
                rate: number;
            } | {
                /** @constant */
                type: "batchNormalization";
            } | {
                /** @constant */
                type: "flatten";
            } | {
                /** @constant */
                type: "dense";
                units: number;
                /**
                 * @description Activation of the hidden layers
                 * @enum {string}
                 */
                activation?: "relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear";
            })[];
        };
        ArchitectureLayout: {
            inputShape: number[];
            layers: {
                index: number;
                /** @enum {string} */
                type: "conv2d" | "maxPooling2d" | "averagePooling2d" | "dropout" | "batchNormalization" | "flatten" | "dense";
                /** @description Shape of one example after the layer, without the batch axis */
                outputShape: number[];
                parameterCount: number;
                /** @description The softmax classifier the model builder appends */
                output: boolean;
            }[];
            parameterCount: number;
            trainableParameterCount: number;
        };
        ArchitectureSummaryRequestInput: {
            spec: components["schemas"]["ArchitectureSpecInput"];
            /**
             * @description [height, width, channels] of one image
             * @default [
             *       28,
             *       28,
             *       1
             *     ]
             */
            inputShape?: [
                number,
                number,
                number
            ];
            /** @default 10 */
            numClasses?: number;
        };
        SessionInfo: {
            user: components["schemas"]["User"];
            /** @description Send it as x-atelier-csrf on every write made with the session cookie; null for a token */
            csrfToken: string | null;
            /** @enum {string} */
            via: "session" | "token";
            projects: {
                slug: string;
                name: string;
                /** @description null: an instance admin who is not a member */
                role: ("owner" | "editor" | "viewer") | null;
            }[];
        };
        User: {
            id: string;
            email: string;
            name: string;
            isAdmin: boolean;
        };
        Comparison: {
            /** @description In the order requested */
            trials: components["schemas"]["ComparedTrial"][];
            /** @description Hyperparameters whose values differ across the trials (what a legend should show), in HYPERPARAMETER_NAMES order */
            differing: string[];
        };
        ComparedTrial: {
            id: string;
            number: number;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            experiment: {
                id: string;
                name: string;
            };
            dataset: {
                key: string;
                name: string;
                classNames: string[];
            };
            hyperparameters: components["schemas"]["Hyperparameters"];
            parameterCount: number | null;
            meanValAccuracy: number | null;
            stdValAccuracy: number | null;
            meanValLoss: number | null;
            testAccuracy: number | null;
            rung: number | null;
            curves: components["schemas"]["TrialCurves"];
            /** @description The newest out-of-fold evaluation: every training image of the trial's slice predicted by the fold model that did not train on it. Null until its folds have finished */
            validation: components["schemas"]["EvaluationSummary"] | null;
            /** @description The newest test-set evaluation of a refit of this trial. Null when the trial was never refit: it is never stood in for by the validation one */
            test: components["schemas"]["EvaluationSummary"] | null;
            /** @description The search's own refit when it retrains this trial (its best); 'queued' or 'running' means a test evaluation is on its way. Null for other trials */
            refitStatus: ("queued" | "running" | "completed" | "failed") | null;
        };
        Hyperparameters: {
            /** @description Key of the architecture, e.g. "cnn-a" */
            architecture: string;
            /** @description Training images per gradient step */
            batchSize: number;
            /** @description Passes over the training images */
            epochs: number;
            /**
             * @description Activation of the hidden layers that do not set their own
             * @enum {string}
             */
            activation: "relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear";
            /**
             * @description Optimizer; momentum applies to sgd and rmsprop
             * @enum {string}
             */
            optimizer: "sgd" | "adam" | "rmsprop" | "adagrad" | "adadelta" | "adamax";
            /** @description The optimizer's step size (its start, under a schedule) */
            learningRate: number;
            /** @description Momentum of sgd (classical) and rmsprop; ignored by the other optimizers */
            momentum: number;
            /** @description Rate of a dropout layer before the output layer, on top of any the architecture has; 0 adds none */
            dropout?: number;
            /** @description L2 penalty on every conv and dense kernel: weightDecay · Σw² is added to the loss the optimizer minimises (Keras l2); biases are not penalised; 0 for none */
            weightDecay?: number;
            /** @description ε of the training targets y·(1 − ε) + ε/classes in the cross-entropy the optimizer minimises (Keras label_smoothing); the reported losses stay against the true labels; 0 for none */
            labelSmoothing?: number;
            /** @description Chance that random erasing (Zhong et al. 2017) blanks a rectangle of each training image, shaped by the experiment's augmentation.randomErasing (the paper's shape without one); a trial that does not set it erases with augmentation.randomErasing.probability, else not at all */
            erasingProbability?: number;
            /** @description Fine-tuning (an experiment with a baseModel): how many of the base model's first layers keep their weights while the rest and the new classifier head train; at most the base's layer count less one. 0 (the default) trains every layer; only 0 is allowed without a base model */
            freezeLayers?: number;
        };
        TrialCurves: {
            /** @description Per epoch: mean ± std over the folds that reached it */
            mean: components["schemas"]["CurvePoint"][];
            /** @description Each fold's own curve */
            folds: {
                fold: number;
                metrics: components["schemas"]["EpochMetric"][];
            }[];
        };
        CurvePoint: {
            epoch: number;
            /** @description Folds that reached this epoch */
            folds: number;
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            loss: number | ("NaN" | "Infinity" | "-Infinity");
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            lossStd: number | ("NaN" | "Infinity" | "-Infinity");
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            accuracy: number | ("NaN" | "Infinity" | "-Infinity");
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            accuracyStd: number | ("NaN" | "Infinity" | "-Infinity");
            valLoss: number | null;
            valLossStd: number | null;
            valAccuracy: number | null;
            valAccuracyStd: number | null;
            /** @description Training wall time up to the end of this epoch (the sum of the fold's epoch durations, validation included), mean over the folds: a chart's time axis */
            elapsedSeconds: number;
        };
        EpochMetric: {
            epoch: number;
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            loss: number | ("NaN" | "Infinity" | "-Infinity");
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            accuracy: number | ("NaN" | "Infinity" | "-Infinity");
            valLoss: (number | ("NaN" | "Infinity" | "-Infinity")) | null;
            valAccuracy: (number | ("NaN" | "Infinity" | "-Infinity")) | null;
            /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
            seconds: number | ("NaN" | "Infinity" | "-Infinity");
        };
        EvaluationSummary: {
            id: string;
            experimentId: string | null;
            trialId: string | null;
            /** @description The stored model evaluated, when there is one */
            artifactId: string | null;
            /** @enum {string} */
            split: "test" | "validation";
            /** @description The dataset evaluated on; null for an evaluation logged from code by a run without a `dataset` parameter */
            datasetKey: string | null;
            classNames: string[];
            accuracy: number;
            loss: number | null;
            /** @description counts[true][predicted] */
            confusionMatrix: number[][];
            perClass: {
                precision: number;
                recall: number;
                f1: number;
                /** @description True instances of the class */
                support: number;
                className: string;
            }[];
            macroAvg: {
                precision: number;
                recall: number;
                f1: number;
                /** @description True instances of the class */
                support: number;
            };
            weightedAvg: {
                precision: number;
                recall: number;
                f1: number;
                /** @description True instances of the class */
                support: number;
            };
            topConfusions: {
                trueClass: string;
                predictedClass: string;
                count: number;
            }[];
            createdAt: string;
        };
        DatasetSummary: {
            id: string;
            key: string;
            name: string;
            /** @enum {string} */
            kind: "builtin" | "imported";
            /** @enum {string} */
            format: "idx" | "csv";
            classNames: string[];
            trainSize: number;
            testSize: number;
            imageShape: [
                number,
                number,
                number
            ];
            /** @description Whether the files were found where the server looks for them */
            available: boolean;
            /** @description Data-quality warnings found at import and acknowledged then; empty for the builtins */
            warnings: components["schemas"]["DatasetWarning"][];
            createdAt: string;
        };
        DatasetWarning: {
            /**
             * @description 'blank-images': images with every pixel the same; 'single-class': every image has one label; 'empty-classes': declared classes without images; 'duplicates': many exact copies, or test images also in train; 'empty-test': nothing to test on
             * @enum {string}
             */
            kind: "blank-images" | "single-class" | "empty-classes" | "duplicates" | "empty-test";
            /** @description What is wrong and why it matters, for a person */
            message: string;
            /** @description How many images (or classes, for empty-classes) it concerns */
            count: number;
        };
        DatasetDetail: {
            dataset: components["schemas"]["DatasetSummary"];
            /** @description What the dataset holds (builtins only) */
            description: string | null;
            homepage: string | null;
            /** @description Images per class, per split */
            classDistribution: {
                train: number[];
                test: number[];
            };
            duplicates: {
                /** @description Groups of two or more images with identical pixels */
                groupCount: number;
                imagesInGroups: number;
                /** @description Images beyond the first of each group: how many could be removed */
                redundantImages: number;
                crossSplitGroups: number;
                /** @description Test images whose exact pixels also occur in train */
                testImagesSeenInTrain: number;
                conflictingLabelGroups: number;
                /** @description The largest groups first (at most 12); conflicting-label groups are listed before the others */
                examples: {
                    /** @description SHA-1 of the pixel bytes */
                    hash: string;
                    /** @description How many images share these exact pixels */
                    size: number;
                    /** @description Members sit in both train and test */
                    crossSplit: boolean;
                    /** @description Identical pixels carry different labels */
                    conflictingLabels: boolean;
                    /** @description The first members of the group (at most 8) */
                    members: {
                        /**
                         * @description 'train' or 'test'
                         * @enum {string}
                         */
                        split: "train" | "test";
                        /** @description 0-based position in its split */
                        index: number;
                        label: number;
                        /** @description Imported datasets: the uploaded file and line it came from; null for the builtins */
                        source: {
                            /** @description The uploaded file name */
                            file: string;
                            /** @description 1-based line of a CSV file (the header counted); null for IDX */
                            line: number | null;
                            /** @description 0-based image of the file, whatever its format */
                            record: number;
                        } | null;
                    }[];
                }[];
            };
            anomalies: {
                train: {
                    /** @description Images whose pixels are all zero */
                    empty: number;
                    /** @description Images whose pixels all have one non-zero value */
                    constant: number;
                    /** @description Labels outside 0..classes-1 */
                    invalidLabel: number;
                    /** @description Indices of the first affected images (at most 12) */
                    examples: number[];
                };
                test: {
                    /** @description Images whose pixels are all zero */
                    empty: number;
                    /** @description Images whose pixels all have one non-zero value */
                    constant: number;
                    /** @description Labels outside 0..classes-1 */
                    invalidLabel: number;
                    /** @description Indices of the first affected images (at most 12) */
                    examples: number[];
                };
            };
            /** @description Where the server read the files from */
            source: string;
            /** @description How long the analysis took when it was first computed (it is cached afterwards) */
            computedInMs: number;
        };
        DatasetCorrelation: {
            /**
             * @description 'train' or 'test'
             * @enum {string}
             */
            split: "train" | "test";
            /** @constant */
            measure: "correlation-ratio";
            height: number;
            width: number;
            /** @description η per pixel in [0, 1], row-major */
            values: number[];
            /** @description The largest η, for scaling a colour map */
            max: number;
        };
        DatasetMeanImages: {
            /**
             * @description 'train' or 'test'
             * @enum {string}
             */
            split: "train" | "test";
            height: number;
            width: number;
            classes: {
                label: number;
                name: string;
                /** @description Images averaged */
                count: number;
                /** @description height × width mean intensities in [0, 1], row-major */
                pixels: number[];
            }[];
        };
        DatasetSamples: {
            /**
             * @description 'train' or 'test'
             * @enum {string}
             */
            split: "train" | "test";
            seed: number;
            /** @description The class sampled from, or null for the whole split */
            label: number | null;
            /** @description Images in the split (or in the class) */
            total: number;
            items: {
                index: number;
                label: number;
                className: string;
                /** @description Path of the PNG, relative to the API root */
                imagePath: string;
            }[];
        };
        DatasetImportNeedsConfirmation: {
            /** @constant */
            statusCode: 422;
            /** @constant */
            error: "unconfirmed_warnings";
            /** @description The warnings in one sentence, and how to import anyway */
            message: string;
            warnings: components["schemas"]["DatasetWarning"][];
        };
        ExperimentList: {
            items: components["schemas"]["ExperimentSummary"][];
            total: number;
        };
        ExperimentSummary: {
            id: string;
            name: string;
            /** @description The project it belongs to: what it creates (a registered model, a run) goes there */
            project: components["schemas"]["ProjectRef"];
            description: string;
            /**
             * @description 'search': Atelier's workers run its trials; 'tracked': runs logged from code (POST /runs)
             * @enum {string}
             */
            kind: "search" | "tracked";
            /** @description Null for a tracked experiment */
            dataset: string | null;
            /** @description Null for a tracked experiment */
            strategy: components["schemas"]["SearchStrategy"] | null;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
            tags: {
                [key: string]: string;
            };
            trialCount: number;
            trialCounts: {
                [key: string]: number;
            };
            /** @description The best trial so far by the one rule (run-lifecycle's compareForBest); null before any score */
            bestTrial: components["schemas"]["BestTrial"] | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            /** @description When it was archived (left out of the default list); null when it is not */
            archivedAt: string | null;
        };
        ProjectRef: {
            /** @description Send it as ?project=<slug> to address the row by name */
            slug: string;
            name: string;
        };
        SearchStrategy: {
            /** @constant */
            kind: "grid";
        } | {
            /** @constant */
            kind: "random";
            /** @description Distinct configurations drawn, seeded */
            trials: number;
        } | {
            /** @constant */
            kind: "asha";
            /** @description r: epochs of the first rung */
            minEpochs: number;
            /** @description R: epochs of the last rung */
            maxEpochs: number;
            /**
             * @description η: the top 1/η of a rung is promoted
             * @default 3
             */
            reductionFactor: number;
            /** @description Configurations drawn at random from the space; omitted: every point of the grid */
            trials?: number;
        } | {
            /** @constant */
            kind: "hyperband";
            /** @description r: epochs of the first rung */
            minEpochs: number;
            /** @description R: epochs of the last rung */
            maxEpochs: number;
            /**
             * @description η: the top 1/η of a rung is promoted
             * @default 3
             */
            reductionFactor: number;
            /** @description Configurations drawn at random and shared out over the brackets; omitted: one Hyperband iteration (each bracket its full share) */
            trials?: number;
        } | {
            /** @constant */
            kind: "tpe";
            /** @description Trials proposed in all, one after another as results arrive */
            trials: number;
            /**
             * @description Trials drawn at random before TPE models the results (Optuna: n_startup_trials)
             * @default 10
             */
            startupTrials: number;
            /**
             * @description Candidates drawn from l(x); the one with the best l(x)/g(x) is proposed (Optuna: n_ei_candidates)
             * @default 24
             */
            eiCandidates: number;
            /**
             * @description Model the hyperparameters jointly (one kernel per trial over all dimensions) instead of one by one
             * @default false
             */
            multivariate: boolean;
            /**
             * @description Count running trials as observed with a bad value, so parallel workers are not sent to the same point
             * @default true
             */
            constantLiar: boolean;
            /**
             * @description Trials kept queued or running at once: proposed at creation, then topped up as trials finish
             * @default 2
             */
            parallelism: number;
            /**
             * @description ASHA's rungs for every TPE trial (Optuna's TPESampler with a SuccessiveHalvingPruner); null: every trial trains its epochs
             * @default null
             */
            earlyStopping: components["schemas"]["RungSchedule"] | null;
        };
        /** @description ASHA's early stopping: every trial trains r epochs, the best 1/η go on to r·η, and so on up to R */
        RungSchedule: {
            /** @description r: epochs of the first rung */
            minEpochs: number;
            /** @description R: epochs of the last rung */
            maxEpochs: number;
            /**
             * @description η: the top 1/η of a rung is promoted
             * @default 3
             */
            reductionFactor: number;
        };
        BestTrial: {
            id: string;
            number: number;
            meanValAccuracy: number;
            stdValAccuracy: number | null;
        };
        ExperimentDetail: {
            id: string;
            name: string;
            /** @description The project it belongs to: what it creates (a registered model, a run) goes there */
            project: components["schemas"]["ProjectRef"];
            description: string;
            /** @constant */
            kind: "search";
            dataset: string;
            strategy: components["schemas"]["SearchStrategy"];
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
            tags: {
                [key: string]: string;
            };
            trialCount: number;
            trialCounts: {
                [key: string]: number;
            };
            /** @description The best trial so far by the one rule (run-lifecycle's compareForBest); null before any score */
            bestTrial: components["schemas"]["BestTrial"] | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            /** @description When it was archived (left out of the default list); null when it is not */
            archivedAt: string | null;
            notes: string;
            space: components["schemas"]["SearchSpace"];
            budget: components["schemas"]["SearchBudget"];
            augmentation: components["schemas"]["Augmentation"] | null;
            validation: components["schemas"]["ValidationPlan"];
            /** @description The best trial retrained on all the experiment's training images and scored on the test set */
            refit: components["schemas"]["Refit"] | null;
            trainingSlice: number | null;
            seed: number;
            priority: number;
            error: string | null;
            /** @description The model this search fine-tunes (its trials record it as their parent); null when it trains from scratch */
            parentModel: components["schemas"]["ParentModel"] | null;
            /** @description The first DETAIL_TRIALS_LIMIT (200) trials by number, with their folds: bounded whatever the size of the search. trialCounts counts every trial; GET /experiments/{id}/trials pages through all of them */
            trials: components["schemas"]["Trial"][];
        };
        SearchSpace: {
            /** @description Key of the architecture, e.g. "cnn-a" */
            architecture: string[];
            /** @description Training images per gradient step */
            batchSize: number[] | {
                /** @constant */
                dist: "int";
                low: number;
                high: number;
                /**
                 * @description Only low + k·step are drawn
                 * @default 1
                 */
                step: number;
                /**
                 * @description Uniform in log space: as many draws in 16..32 as in 32..64
                 * @default false
                 */
                log: boolean;
            };
            /** @description Required by grid and random search; ASHA sets epochs from its rungs and refuses this field */
            epochs?: number[];
            /** @description Activation of the hidden layers that do not set their own */
            activation: ("relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear")[];
            /** @description Optimizer; momentum applies to sgd and rmsprop */
            optimizer: ("sgd" | "adam" | "rmsprop" | "adagrad" | "adadelta" | "adamax")[];
            /** @description The optimizer's step size (its start, under a schedule) */
            learningRate: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Momentum of sgd (classical) and rmsprop; ignored by the other optimizers */
            momentum: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Rate of a dropout layer before the output layer, on top of any the architecture has; 0 adds none. Optional: left out, every trial has 0 */
            dropout?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description L2 penalty on every conv and dense kernel: weightDecay · Σw² is added to the loss the optimizer minimises (Keras l2); biases are not penalised; 0 for none. Optional: left out, every trial has 0 */
            weightDecay?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description ε of the training targets y·(1 − ε) + ε/classes in the cross-entropy the optimizer minimises (Keras label_smoothing); the reported losses stay against the true labels; 0 for none. Optional: left out, every trial has 0 */
            labelSmoothing?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Chance that random erasing (Zhong et al. 2017) blanks a rectangle of each training image, shaped by the experiment's augmentation.randomErasing (the paper's shape without one); a trial that does not set it erases with augmentation.randomErasing.probability, else not at all. Optional: left out, every trial has 0 */
            erasingProbability?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Fine-tuning (an experiment with a baseModel): how many of the base model's first layers keep their weights while the rest and the new classifier head train; at most the base's layer count less one. 0 (the default) trains every layer; only 0 is allowed without a base model. Optional: left out, every trial has 0 */
            freezeLayers?: number[] | {
                /** @constant */
                dist: "int";
                low: number;
                high: number;
                /**
                 * @description Only low + k·step are drawn
                 * @default 1
                 */
                step: number;
                /**
                 * @description Uniform in log space: as many draws in 16..32 as in 32..64
                 * @default false
                 */
                log: boolean;
            };
        };
        SearchBudget: {
            /** @description Refuse the search if it would run more trials */
            maxTrials?: number;
            /** @description Refuse the search if its planned epochs (over all folds) exceed this */
            maxTotalEpochs?: number;
        };
        Augmentation: {
            /** @default null */
            randomErasing: components["schemas"]["RandomErasing"] | null;
        };
        RandomErasing: {
            /**
             * @description The erasing probability of trials whose params do not set erasingProbability (the space's dimension wins where it is given)
             * @default 0.5
             */
            probability: number;
            /**
             * @default [
             *       0.02,
             *       0.4
             *     ]
             */
            areaRange: [
                number,
                number
            ];
            /**
             * @default [
             *       0.3,
             *       3.3
             *     ]
             */
            aspectRatioRange: [
                number,
                number
            ];
            /**
             * @default [
             *       0,
             *       1
             *     ]
             */
            fillRange: [
                number,
                number
            ];
            /** @default true */
            perPixelFill: boolean;
        };
        ValidationPlan: {
            /** @constant */
            kind: "kfold";
            folds: number;
        } | {
            /** @constant */
            kind: "holdout";
            fraction: number;
        };
        Refit: {
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            trialId: string;
            testAccuracy: number | null;
            evaluationId: string | null;
            model: components["schemas"]["ModelArtifact"] | null;
            error: string | null;
        };
        ModelArtifact: {
            id: string;
            experimentId: string | null;
            trialId: string | null;
            /** @constant */
            kind: "model";
            sizeBytes: number;
            sha256: string;
            backend: string | null;
            /** @description Training images the refit used */
            trainedOn: number | null;
            /** @description The model this one was fine-tuned from (its experiment's base model); null when trained from scratch */
            parentModel: components["schemas"]["ParentModel"] | null;
            createdAt: string;
        };
        ParentModel: {
            /** @description The stored model (GET /models/{id}) */
            id: string;
            /** @description The registered version, as 'name/version'; null when the request named a model id */
            reference: string | null;
        };
        Trial: {
            id: string;
            experimentId: string;
            number: number;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            hyperparameters: components["schemas"]["Hyperparameters"];
            parameterCount: number | null;
            /** @description Mean validation accuracy over the folds */
            meanValAccuracy: number | null;
            /** @description Population standard deviation of validation accuracy over the folds */
            stdValAccuracy: number | null;
            meanValLoss: number | null;
            /** @description Share of the planned epochs (over all folds) that finished */
            progress: number;
            /** @description ASHA: the rung being trained or last finished; null for grid and random search */
            rung: number | null;
            /** @description ASHA: the score at every rung reached, fold means; empty otherwise */
            rungs: components["schemas"]["RungResult"][];
            folds: components["schemas"]["FoldRun"][];
            startedAt: string | null;
            finishedAt: string | null;
            error: string | null;
        };
        RungResult: {
            rung: number;
            epochs: number;
            meanValAccuracy: number;
            stdValAccuracy: number;
            /** @description Sent on to the next rung */
            promoted: boolean;
            finishedAt: string;
        };
        FoldRun: {
            id: string;
            fold: number;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
            epochsCompleted: number;
            trainSize: number | null;
            valSize: number | null;
            valAccuracy: number | null;
            valLoss: number | null;
            /** @description TensorFlow.js backend and version that trained this fold */
            backend: string | null;
            startedAt: string | null;
            finishedAt: string | null;
            error: string | null;
            timings: components["schemas"]["FoldTimings"] | null;
        };
        FoldTimings: {
            wallSeconds: number;
            phases: {
                queued: number;
                pickup: number;
                load: number;
                build: number;
                train: number;
                validate: number;
                epochWrites: number;
                batchEvents: number;
                checkpoint: number;
                record: number;
            };
            trainImages: number;
        };
        CreateExperimentRequestInput: {
            name: string;
            /** @default  */
            description?: string;
            /** @description The project's slug; default: the token's project, else 'default' */
            project?: string;
            /** @description Key of the dataset, e.g. "fashion-mnist" */
            dataset: string;
            /**
             * @default {
             *       "kind": "grid"
             *     }
             */
            strategy?: components["schemas"]["SearchStrategyInput"];
            space: components["schemas"]["SearchSpaceInput"];
            /** @default {} */
            budget?: components["schemas"]["SearchBudgetInput"];
            /**
             * @description Applied to training batches of every trial; null for none
             * @default null
             */
            augmentation?: components["schemas"]["AugmentationInput"] | null;
            /**
             * @default {
             *       "kind": "kfold",
             *       "folds": 3
             *     }
             */
            validation?: components["schemas"]["ValidationPlanInput"];
            /**
             * @description Train on the first N images of a seeded, stratified shuffle; null for the whole training set
             * @default null
             */
            trainingSlice?: number | null;
            /** @default 42 */
            seed?: number;
            /**
             * @description Lower runs first; small interactive runs should use a low number
             * @default 10
             */
            priority?: number;
            /**
             * @description Fine-tune from this model instead of training architectures from scratch: 'name@alias', 'name/version' or a stored model id. Needs space.architecture ['fine-tune']; space.freezeLayers (fixed or searched) freezes the base's first layers. null: no base
             * @default null
             */
            baseModel?: string | null;
        };
        SearchStrategyInput: {
            /** @constant */
            kind: "grid";
        } | {
            /** @constant */
            kind: "random";
            /** @description Distinct configurations drawn, seeded */
            trials: number;
        } | {
            /** @constant */
            kind: "asha";
            /** @description r: epochs of the first rung */
            minEpochs: number;
            /** @description R: epochs of the last rung */
            maxEpochs: number;
            /**
             * @description η: the top 1/η of a rung is promoted
             * @default 3
             */
            reductionFactor?: number;
            /** @description Configurations drawn at random from the space; omitted: every point of the grid */
            trials?: number;
        } | {
            /** @constant */
            kind: "hyperband";
            /** @description r: epochs of the first rung */
            minEpochs: number;
            /** @description R: epochs of the last rung */
            maxEpochs: number;
            /**
             * @description η: the top 1/η of a rung is promoted
             * @default 3
             */
            reductionFactor?: number;
            /** @description Configurations drawn at random and shared out over the brackets; omitted: one Hyperband iteration (each bracket its full share) */
            trials?: number;
        } | {
            /** @constant */
            kind: "tpe";
            /** @description Trials proposed in all, one after another as results arrive */
            trials: number;
            /**
             * @description Trials drawn at random before TPE models the results (Optuna: n_startup_trials)
             * @default 10
             */
            startupTrials?: number;
            /**
             * @description Candidates drawn from l(x); the one with the best l(x)/g(x) is proposed (Optuna: n_ei_candidates)
             * @default 24
             */
            eiCandidates?: number;
            /**
             * @description Model the hyperparameters jointly (one kernel per trial over all dimensions) instead of one by one
             * @default false
             */
            multivariate?: boolean;
            /**
             * @description Count running trials as observed with a bad value, so parallel workers are not sent to the same point
             * @default true
             */
            constantLiar?: boolean;
            /**
             * @description Trials kept queued or running at once: proposed at creation, then topped up as trials finish
             * @default 2
             */
            parallelism?: number;
            /**
             * @description ASHA's rungs for every TPE trial (Optuna's TPESampler with a SuccessiveHalvingPruner); null: every trial trains its epochs
             * @default null
             */
            earlyStopping?: components["schemas"]["RungScheduleInput"] | null;
        };
        /** @description ASHA's early stopping: every trial trains r epochs, the best 1/η go on to r·η, and so on up to R */
        RungScheduleInput: {
            /** @description r: epochs of the first rung */
            minEpochs: number;
            /** @description R: epochs of the last rung */
            maxEpochs: number;
            /**
             * @description η: the top 1/η of a rung is promoted
             * @default 3
             */
            reductionFactor?: number;
        };
        SearchSpaceInput: {
            /** @description Key of the architecture, e.g. "cnn-a" */
            architecture: string[];
            /** @description Training images per gradient step */
            batchSize: number[] | {
                /** @constant */
                dist: "int";
                low: number;
                high: number;
                /**
                 * @description Only low + k·step are drawn
                 * @default 1
                 */
                step?: number;
                /**
                 * @description Uniform in log space: as many draws in 16..32 as in 32..64
                 * @default false
                 */
                log?: boolean;
            };
            /** @description Required by grid and random search; ASHA sets epochs from its rungs and refuses this field */
            epochs?: number[];
            /** @description Activation of the hidden layers that do not set their own */
            activation: ("relu" | "tanh" | "sigmoid" | "elu" | "selu" | "softplus" | "linear")[];
            /** @description Optimizer; momentum applies to sgd and rmsprop */
            optimizer: ("sgd" | "adam" | "rmsprop" | "adagrad" | "adadelta" | "adamax")[];
            /** @description The optimizer's step size (its start, under a schedule) */
            learningRate: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Momentum of sgd (classical) and rmsprop; ignored by the other optimizers */
            momentum: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Rate of a dropout layer before the output layer, on top of any the architecture has; 0 adds none. Optional: left out, every trial has 0 */
            dropout?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description L2 penalty on every conv and dense kernel: weightDecay · Σw² is added to the loss the optimizer minimises (Keras l2); biases are not penalised; 0 for none. Optional: left out, every trial has 0 */
            weightDecay?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description ε of the training targets y·(1 − ε) + ε/classes in the cross-entropy the optimizer minimises (Keras label_smoothing); the reported losses stay against the true labels; 0 for none. Optional: left out, every trial has 0 */
            labelSmoothing?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Chance that random erasing (Zhong et al. 2017) blanks a rectangle of each training image, shaped by the experiment's augmentation.randomErasing (the paper's shape without one); a trial that does not set it erases with augmentation.randomErasing.probability, else not at all. Optional: left out, every trial has 0 */
            erasingProbability?: number[] | ({
                /** @constant */
                dist: "uniform";
                low: number;
                high: number;
            } | {
                /** @constant */
                dist: "log-uniform";
                low: number;
                high: number;
            });
            /** @description Fine-tuning (an experiment with a baseModel): how many of the base model's first layers keep their weights while the rest and the new classifier head train; at most the base's layer count less one. 0 (the default) trains every layer; only 0 is allowed without a base model. Optional: left out, every trial has 0 */
            freezeLayers?: number[] | {
                /** @constant */
                dist: "int";
                low: number;
                high: number;
                /**
                 * @description Only low + k·step are drawn
                 * @default 1
                 */
                step?: number;
                /**
                 * @description Uniform in log space: as many draws in 16..32 as in 32..64
                 * @default false
                 */
                log?: boolean;
            };
        };
        SearchBudgetInput: {
            /** @description Refuse the search if it would run more trials */
            maxTrials?: number;
            /** @description Refuse the search if its planned epochs (over all folds) exceed this */
            maxTotalEpochs?: number;
        };
        AugmentationInput: {
            /** @default null */
            randomErasing?: components["schemas"]["RandomErasingInput"] | null;
        };
        RandomErasingInput: {
            /**
             * @description The erasing probability of trials whose params do not set erasingProbability (the space's dimension wins where it is given)
             * @default 0.5
             */
            probability?: number;
            /**
             * @default [
             *       0.02,
             *       0.4
             *     ]
             */
            areaRange?: [
                number,
                number
            ];
            /**
             * @default [
             *       0.3,
             *       3.3
             *     ]
             */
            aspectRatioRange?: [
                number,
                number
            ];
            /**
             * @default [
             *       0,
             *       1
             *     ]
             */
            fillRange?: [
                number,
                number
            ];
            /** @default true */
            perPixelFill?: boolean;
        };
        ValidationPlanInput: {
            /** @constant */
            kind: "kfold";
            folds: number;
        } | {
            /** @constant */
            kind: "holdout";
            fraction: number;
        };
        LifecycleState: {
            /** @enum {string} */
            kind: "experiment" | "run";
            id: string;
            archivedAt: string | null;
            deletedAt: string | null;
        };
        AnyExperimentDetail: components["schemas"]["ExperimentDetail"] | components["schemas"]["TrackedExperimentDetail"];
        TrackedExperimentDetail: {
            id: string;
            name: string;
            /** @description The project it belongs to: what it creates (a registered model, a run) goes there */
            project: components["schemas"]["ProjectRef"];
            description: string;
            /** @constant */
            kind: "tracked";
            dataset: null;
            strategy: null;
            /**
             * @description Follows its runs (run-lifecycle TRACKED_EXPERIMENT_STATUS_RULE): running while a run is running and heard from, queued until one logs, then completed, cancelled or failed
             * @enum {string}
             */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
            tags: {
                [key: string]: string;
            };
            /** @description Its runs */
            trialCount: number;
            /** @description Runs per stored status, as the experiments list counts them (a lost run is stored running) */
            trialCounts: {
                [key: string]: number;
            };
            /** @description The best trial so far by the one rule (run-lifecycle's compareForBest); null before any score */
            bestTrial: components["schemas"]["BestTrial"] | null;
            createdAt: string;
            startedAt: string | null;
            /** @description Once its status is final, when a run of it was last heard from; null while it runs */
            finishedAt: string | null;
            /** @description When it was archived (left out of the default list); null when it is not */
            archivedAt: string | null;
            /** @description Markdown */
            notes: string;
            /** @description Runs per status as GET /runs shows them: a running run gone silent counts as lost */
            runCounts: {
                [key: string]: number;
            };
            /** @description When a run of it last logged or ended; null before any did */
            lastSeenAt: string | null;
        };
        UpdateExperimentRequestInput: {
            /** @description A search's at most 120 characters. A tracked experiment's must be no other tracked experiment's: POST /runs finds it by name */
            name?: string;
            description?: string;
            /** @description Replaces the notes (markdown) */
            notes?: string;
            tags?: components["schemas"]["TagsPatchInput"];
        };
        /** @description Merged into the tags, as a JSON merge patch: a value sets the tag, null removes it */
        TagsPatchInput: {
            [key: string]: string | null;
        };
        ProgressEvent: {
            /** @constant */
            type: "experiment";
            experimentId: string;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
        } | {
            /** @constant */
            type: "trial";
            experimentId: string;
            trialId: string;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            meanValAccuracy: number | null;
            stdValAccuracy: number | null;
        } | {
            /** @constant */
            type: "fold";
            experimentId: string;
            trialId: string;
            fold: number;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
            valAccuracy: number | null;
            backend: string | null;
        } | {
            /** @constant */
            type: "epoch";
            experimentId: string;
            trialId: string;
            fold: number;
            epochs: number;
            metric: components["schemas"]["EpochMetric"];
        } | {
            /** @constant */
            type: "refit";
            experimentId: string;
            trialId: string;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            testAccuracy: number | null;
        } | {
            /** @constant */
            type: "rung";
            experimentId: string;
            trialId: string;
            rung: number;
            meanValAccuracy: number;
            promoted: boolean;
        } | {
            /** @constant */
            type: "batch";
            experimentId: string;
            trialId: string;
            fold: number;
            epoch: number;
            epochs: number;
            batch: number;
            batches: number;
        } | {
            /** @constant */
            type: "run";
            experimentId: string;
            runId: string;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            lastSeenAt: string | null;
            points: {
                key: string;
                fold: number | null;
                step: number;
                /** @description A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity" */
                value: number | ("NaN" | "Infinity" | "-Infinity");
                time: string;
            }[];
        };
        Leaderboard: {
            experimentId: string;
            /** @constant */
            metric: "meanValAccuracy";
            /** @description The best `limit` scored trials, best first */
            rows: {
                rank: number;
                trialId: string;
                number: number;
                status: string;
                hyperparameters: components["schemas"]["Hyperparameters"];
                parameterCount: number | null;
                meanValAccuracy: number;
                stdValAccuracy: number | null;
                meanValLoss: number | null;
                /** @description ASHA: the highest rung this score comes from */
                rung: number | null;
                /** @description Epochs behind the score */
                epochs: number;
                /** @description Not the best, but within one standard error of the best trial's mean (SE = the best trial's fold standard deviation / √k, k folds) */
                tiedWithBest: boolean;
                diverged: ("non-finite-loss" | "chance-accuracy") | null;
            }[];
            /** @description Every scored trial of the experiment, whether or not rows holds it */
            scoredTrials: number;
            ties: {
                rule: string;
                bestTrialNumber: number | null;
                /** @description Every trial tied with the best, best first, whether or not rows holds it */
                tiedTrialNumbers: number[];
            };
            /** @description ASHA: the rungs with at least one score, for the view selector; null outside ASHA */
            rungs: {
                rung: number;
                epochs: number;
                trials: number;
            }[] | null;
            view: components["schemas"]["LeaderboardView"];
        };
        LeaderboardView: {
            /** @description ASHA: the rung whose scores these are; null outside ASHA */
            rung: number | null;
            /** @description ASHA: epochs behind every score of this rung */
            epochs: number | null;
            /** @description Searched hyperparameters that vary among these trials, in HYPERPARAMETER_NAMES order; never epochs under ASHA (there it is the rung, not a choice) */
            dimensions: string[];
            /** @description The best `limit` scores of this view, best first */
            points: {
                trialId: string;
                number: number;
                hyperparameters: components["schemas"]["Hyperparameters"];
                /** @description Mean validation accuracy (ASHA: at the view's rung) */
                score: number;
                std: number | null;
                diverged: ("non-finite-loss" | "chance-accuracy") | null;
            }[];
            /** @description Scores this view has in all */
            totalPoints: number;
            /** @description Null below 3 usable (scored, not diverged) trials */
            importance: components["schemas"]["Importance"] | null;
        };
        Importance: {
            /**
             * @description fANOVA (Hutter et al., 2014) over a random forest, as Optuna's FanovaImportanceEvaluator, repeated on bootstrap resamples of the trials
             * @constant
             */
            method: "fanova-random-forest";
            /** @description Trials the forest was fitted on */
            trials: number;
            /** @description Diverged trials left out */
            excludedDiverged: number;
            resamples: number;
            /** @description Trees per forest */
            trees: number;
            seed: number;
            /** @description R² of the forest on the trials each resample left out (clamped to 0..1): how much of the scores' variance it can predict at all */
            fit: components["schemas"]["Spread"];
            /** @description Main effects as shares of the scores' variance (fit × fANOVA fraction), largest median first */
            parameters: components["schemas"]["ParameterImportance"][];
            /** @description What the main effects do not explain: noise between runs, interactions, and what the forest could not fit */
            unexplained: components["schemas"]["Spread"];
            /** @description Set below 10 usable trials: too few to rank hyperparameters */
            warning: string | null;
        };
        Spread: {
            median: number;
            q1: number;
            q3: number;
        };
        ParameterImportance: {
            median: number;
            q1: number;
            q3: number;
            name: string;
            /** @description Distinct values seen */
            values: number;
        };
        ExperimentMetricsQueryInput: {
            /** @description Trial numbers (comma-separated, at most 200); every trial when absent */
            trials?: string;
        };
        ExperimentMetrics: {
            experimentId: string;
            trials: {
                trialId: string;
                number: number;
                folds: components["schemas"]["FoldMetrics"][];
            }[];
        };
        FoldMetrics: {
            trialId: string;
            fold: number;
            metrics: components["schemas"]["EpochMetric"][];
        };
        ExperimentOverview: {
            id: string;
            name: string;
            /** @description The project it belongs to: what it creates (a registered model, a run) goes there */
            project: components["schemas"]["ProjectRef"];
            description: string;
            /** @constant */
            kind: "search";
            dataset: string;
            strategy: components["schemas"]["SearchStrategy"];
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "completed" | "failed" | "cancelled";
            tags: {
                [key: string]: string;
            };
            trialCount: number;
            trialCounts: {
                [key: string]: number;
            };
            /** @description The best trial so far by the one rule (run-lifecycle's compareForBest); null before any score */
            bestTrial: components["schemas"]["BestTrial"] | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            /** @description When it was archived (left out of the default list); null when it is not */
            archivedAt: string | null;
            notes: string;
            space: components["schemas"]["SearchSpace"];
            budget: components["schemas"]["SearchBudget"];
            augmentation: components["schemas"]["Augmentation"] | null;
            validation: components["schemas"]["ValidationPlan"];
            /** @description The best trial retrained on all the experiment's training images and scored on the test set */
            refit: components["schemas"]["Refit"] | null;
            trainingSlice: number | null;
            seed: number;
            priority: number;
            error: string | null;
            /** @description The model this search fine-tunes (its trials record it as their parent); null when it trains from scratch */
            parentModel: components["schemas"]["ParentModel"] | null;
            /** @description Every trial, or the watched ones when there are more than OVERVIEW_ALL_TRIALS_LIMIT */
            trials: components["schemas"]["Trial"][];
            /** @description trials holds every trial of the experiment */
            allTrials: boolean;
            otherTrials: components["schemas"]["OtherTrials"];
            /** @description ASHA only: every rung, including those nobody reached yet */
            rungs: components["schemas"]["RungSummary"][] | null;
            /** @description Mean wall time of one fold epoch over the last 200 trained; null before the first */
            secondsPerEpoch: number | null;
        };
        OtherTrials: {
            count: number;
            trialCounts: {
                [key: string]: number;
            };
            /** @description Σ of their epochs (per trial, not per fold) */
            plannedEpochs: number;
            /** @description Σ of progress × epochs */
            trainedEpochs: number;
            /** @description Epochs still to train, over the folds of their unfinished trials (ASHA: current rung) */
            remainingFoldEpochs: number;
            runningFolds: number;
            /** @description How many have a mean validation accuracy */
            scored: number;
            /** @description The best of them by the one rule (compareForBest) */
            best: components["schemas"]["RankedBestTrial"] | null;
        };
        RankedBestTrial: {
            id: string;
            number: number;
            meanValAccuracy: number;
            stdValAccuracy: number | null;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            parameterCount: number | null;
            /** @description The rung its score comes from; null outside rung strategies */
            scoreRung: number | null;
        };
        RungSummary: {
            rung: number;
            epochs: number;
            /** @description Trials scored at this rung */
            reached: number;
            promoted: number;
            stopped: number;
            /** @description Scored here and waiting for a promotion decision */
            waiting: number;
            best: number | null;
            /** @description Scores at this rung, best first; at most RUNG_POINTS_LIMIT of them */
            points: {
                trialId: string;
                number: number;
                score: number;
                /** @enum {string} */
                outcome: "promoted" | "stopped" | "waiting" | "final";
            }[];
        };
        RefitQueued: {
            experimentId: string;
            trialId: string;
            /** @description Model artifacts the trial had when the refit was requested */
            generation: number;
            jobId: string;
            /** @constant */
            status: "queued";
        };
        TrialTable: {
            experimentId: string;
            /** @description Trials matching the filters, over all pages */
            total: number;
            limit: number;
            offset: number;
            /** @description As asked: a column of the table or a field of the filter language */
            sort: string;
            /** @enum {string} */
            order: "asc" | "desc";
            /** @description The filter as applied ('' for none) */
            filter: string;
            keys: components["schemas"]["TrialTableKeys"];
            items: components["schemas"]["TrialRow"][];
        };
        TrialTableKeys: {
            /** @description Every params key, A→Z */
            params: {
                key: string;
                /** @description Every trial holding it holds a number */
                numeric: boolean;
            }[];
            /** @description Every metric key, A→Z */
            metrics: string[];
        };
        TrialRow: {
            id: string;
            number: number;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            hyperparameters: components["schemas"]["Hyperparameters"];
            parameterCount: number | null;
            meanValAccuracy: number | null;
            stdValAccuracy: number | null;
            meanValLoss: number | null;
            /** @description Accuracy on the test set of the latest refit of this trial; null when never refit */
            testAccuracy: number | null;
            /** @description Share of the planned epochs (over all folds) that finished */
            progress: number;
            rung: number | null;
            startedAt: string | null;
            finishedAt: string | null;
            error: string | null;
            diverged: ("non-finite-loss" | "chance-accuracy") | null;
            /** @description The params document as stored: what the filter language reads as params.<key> */
            params: components["schemas"]["Params"];
            /** @description Per metric key (mean of the folds at each step): what the filter language reads as metrics.<key> */
            metrics: {
                [key: string]: components["schemas"]["MetricSummary"];
            };
        };
        Params: {
            [key: string]: number | string | boolean;
        };
        MetricSummary: {
            last: components["schemas"]["MetricValue"];
            lastStep: number;
            min: components["schemas"]["MetricValue"];
            max: components["schemas"]["MetricValue"];
            count: number;
        };
        MetricValue: number | ("NaN" | "Infinity" | "-Infinity");
        ExperimentPlan: {
            /** @description Configurations tried: grid points, random draws, ASHA or Hyperband candidates, or the trials TPE proposes */
            trialCount: number;
            /** @description Trainings per trial: k for k-fold, 1 for a holdout split */
            folds: number;
            /** @description trialCount × folds: the first queued job of each */
            trainingRuns: number;
            /** @description Epochs summed over every training run; an upper bound for ASHA, Hyperband and TPE with early stopping (every possible promotion made) and for TPE over several epoch values (every trial at the most) */
            totalEpochs: number;
            /** @description Rung strategies (ASHA, Hyperband, TPE with early stopping): epochs at each rung and the most trials that can reach it; null otherwise */
            rungs: {
                epochs: number;
                trials: number;
            }[] | null;
            /** @description The limit on trialCount: the request budget or the server MAX_TRIALS, whichever is lower */
            maxTrials: number;
            /** @description The limit on totalEpochs: the request budget or the server MAX_TOTAL_EPOCHS */
            maxTotalEpochs: number;
            /** @description The expected wall time, from the epochs measured on this server and the workers connected now */
            estimate: components["schemas"]["SearchEstimate"];
        };
        SearchEstimate: {
            /** @description Wall time of the whole search on the training slots counted (or one slot when none is connected) */
            seconds: number;
            /** @description Training time summed over every fold run, as if on one slot */
            trainingSeconds: number;
            /** @description Fold runs expected at once: the training slots, at most the training runs */
            parallel: number;
            /** @description Trainings the connected workers run at once (sum of their concurrency); null when the queue cannot say */
            slots: number | null;
            /** @description Worker processes connected to the training queue; null when the queue cannot say */
            workers: number | null;
            /** @description Training images of one fold run (the slice less the validation part) */
            imagesPerFold: number;
            /** @description Seconds per training image per epoch assumed where nothing was measured */
            fallbackSecondsPerImage: number;
            /** @description One entry per (architecture, batch size) the search trains, largest share first */
            basis: {
                architecture: string;
                batchSize: number;
                /** @enum {string} */
                source: "measured" | "nearest-batch" | "fallback";
                /** @description Median seconds per training image per epoch */
                secondsPerImage: number;
                /** @description Epochs measured on this dataset that the figure comes from; 0 for the fallback */
                measuredEpochs: number;
                /** @description nearest-batch: the batch size that was measured */
                measuredBatchSize: number | null;
                /** @description Share of the search epochs trained with this pair */
                share: number;
            }[];
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            postgres: {
                ok: boolean;
                latencyMs: number;
                error?: string;
            };
            redis: {
                ok: boolean;
                latencyMs: number;
                error?: string;
            };
        };
        Liveness: {
            /** @constant */
            status: "ok";
        };
        Prediction: {
            modelId: string;
            /** @description Every class, most probable first */
            predictions: components["schemas"]["ClassProbability"][];
        };
        ClassProbability: {
            classIndex: number;
            className: string;
            probability: number;
        };
        PredictRequestInput: {
            /** @description Grayscale values row by row: 784 for a 28×28 image */
            pixels: number[];
            /**
             * @description '0-255' (8-bit values) or '0-1' (already scaled)
             * @default 0-255
             * @enum {string}
             */
            scale?: "0-255" | "0-1";
        };
        Project: {
            id: string;
            slug: string;
            name: string;
            role: ("owner" | "editor" | "viewer") | null;
            createdAt: string;
        };
        AuditEvent: {
            id: string;
            at: string;
            method: string;
            /** @description The route pattern, e.g. /experiments/:id/cancel */
            route: string;
            path: string;
            status: number;
            /** @description The id (or key, or name) the write addressed */
            target: string | null;
            user: {
                id: string;
                email: string;
            } | null;
            tokenId: string | null;
        };
        ProjectMember: {
            userId: string;
            email: string;
            name: string;
            /**
             * @description owner: members, settings, purge, delete; editor: launch, log, edit; viewer: read
             * @enum {string}
             */
            role: "owner" | "editor" | "viewer";
            createdAt: string;
        };
        RegisteredModelList: {
            /** @description By name */
            items: components["schemas"]["RegisteredModelSummary"][];
        };
        RegisteredModelSummary: {
            id: string;
            /** @description Unique within its project */
            name: string;
            /** @description The project it belongs to: the routes under /registered-models/{name} take ?project=<its slug> */
            project: components["schemas"]["ProjectRef"];
            description: string;
            /** @description null before the first version */
            latestVersion: number | null;
            versionCount: number;
            aliases: components["schemas"]["ModelAlias"][];
            createdAt: string;
        };
        ModelAlias: {
            alias: string;
            version: number;
            updatedAt: string;
        };
        CreateRegisteredModelRequestInput: {
            /** @description The project's slug; default: the token's project, else 'default' */
            project?: string;
            /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
            name: string;
            /**
             * @description Markdown
             * @default
             */
            description?: string;
        };
        RegisteredModelDetail: {
            id: string;
            /** @description Unique within its project */
            name: string;
            /** @description The project it belongs to: the routes under /registered-models/{name} take ?project=<its slug> */
            project: components["schemas"]["ProjectRef"];
            description: string;
            /** @description null before the first version */
            latestVersion: number | null;
            versionCount: number;
            aliases: components["schemas"]["ModelAlias"][];
            createdAt: string;
            /** @description Newest first */
            versions: components["schemas"]["ModelVersion"][];
        };
        ModelVersion: {
            id: string;
            /** @description The registered model */
            name: string;
            version: number;
            model: components["schemas"]["ModelArtifact"];
            /** @description null when the model has no run (or it was deleted) */
            run: components["schemas"]["ModelVersionRun"] | null;
            /** @description From the model's card */
            dataset: {
                key: string;
                name: string;
            } | null;
            /** @description null when the stored zip has no readable card */
            card: components["schemas"]["RegisteredModelCard"] | null;
            /** @description Aliases pointing at this version */
            aliases: string[];
            createdAt: string;
        };
        ModelVersionRun: {
            id: string;
            experimentId: string;
            experimentName: string;
            number: number;
            name: string | null;
            params: components["schemas"]["Params"];
            /** @description Per metric key: last, min, max over the run */
            metrics: {
                [key: string]: components["schemas"]["MetricSummary"];
            };
        };
        RegisteredModelCard: {
            name: string;
            architecture: string;
            parameterCount?: number;
            dataset: {
                key: string;
                name: string;
            } & {
                [key: string]: unknown;
            };
            classNames: string[];
            backend: string;
            createdAt: string;
            test: ({
                accuracy: number;
                loss: number | null;
            } & {
                [key: string]: unknown;
            }) | null;
            crossValidation: ({
                folds: number;
                meanAccuracy: number;
            } & {
                [key: string]: unknown;
            }) | null;
        } & {
            [key: string]: unknown;
        };
        SetModelAliasRequestInput: {
            /** @description A version number of this registered model */
            version: number;
        } | {
            /**
             * Format: uuid
             * @description The id of a version (as listed by GET /registered-models/{name}); it must belong to this registered model
             */
            versionId: string;
        };
        ModelAliasHistory: {
            name: string;
            alias: string;
            /** @description Oldest first */
            items: components["schemas"]["ModelAliasEvent"][];
        };
        ModelAliasEvent: {
            alias: string;
            /** @description null: the alias was created */
            fromVersion: number | null;
            /** @description null: the alias was deleted */
            toVersion: number | null;
            at: string;
        };
        RegisteredPrediction: {
            modelId: string;
            name: string;
            version: number;
            /** @description The alias resolved, when predicted by alias */
            alias: string | null;
            /** @description Every class, most probable first */
            predictions: components["schemas"]["ClassProbability"][];
        };
        CreateModelVersionRequestInput: {
            /**
             * Format: uuid
             * @description A stored model (GET /models/{id})
             */
            modelId: string;
        } | {
            /**
             * Format: uuid
             * @description A run whose model becomes the version; refused with 409 when it has none or several (then name one by modelId)
             */
            runId: string;
        };
        RunList: {
            items: components["schemas"]["RunSummary"][];
            nextCursor: string | null;
            /** @description Runs that match; when totalIsLowerBound, at least this many (the count stopped at its limit or its time) */
            total: number;
            /** @description True when more runs may match than total: the count stopped at 10,000 or ran out of time (a client shows "10,000+") */
            totalIsLowerBound: boolean;
        };
        RunSummary: {
            id: string;
            experimentId: string;
            experimentName: string;
            /**
             * @description 'search': a trial Atelier's workers ran; 'tracked': logged from code
             * @enum {string}
             */
            source: "search" | "tracked";
            number: number;
            name: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled" | "lost";
            params: components["schemas"]["Params"];
            tags: components["schemas"]["Tags"];
            metrics: {
                [key: string]: components["schemas"]["MetricSummary"];
            };
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            lastSeenAt: string | null;
            /** @description When it was archived (left out of the default list); null when it is not */
            archivedAt: string | null;
        };
        Tags: {
            [key: string]: string;
        };
        RunDetail: {
            id: string;
            experimentId: string;
            experimentName: string;
            /**
             * @description 'search': a trial Atelier's workers ran; 'tracked': logged from code
             * @enum {string}
             */
            source: "search" | "tracked";
            number: number;
            name: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled" | "lost";
            params: components["schemas"]["Params"];
            tags: components["schemas"]["Tags"];
            metrics: {
                [key: string]: components["schemas"]["MetricSummary"];
            };
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            lastSeenAt: string | null;
            /** @description When it was archived (left out of the default list); null when it is not */
            archivedAt: string | null;
            notes: string;
            error: string | null;
            /** @description Folds that logged metrics */
            folds: number[];
            artifacts: components["schemas"]["RunArtifact"][];
        };
        RunArtifact: {
            id: string;
            /** @enum {string} */
            kind: "model" | "file";
            name: string | null;
            contentType: string | null;
            sizeBytes: number;
            sha256: string;
            createdAt: string;
        };
        CreateRunRequestInput: {
            /** @description The project's slug; default: the token's project, else 'default' */
            project?: string;
            /** @description Name of the experiment; created (as a tracked experiment) if missing */
            experiment: string;
            name?: string;
            /** @description Nested objects are flattened: {"optimizer": {"beta1": 0.9}} is "optimizer.beta1" */
            params?: {
                [key: string]: unknown;
            };
            tags?: components["schemas"]["TagsInput"];
            notes?: string;
        };
        TagsInput: {
            [key: string]: string;
        };
        UpdateRunRequestInput: {
            /**
             * @description Ends the run: finished, failed or killed (stored as completed, failed, cancelled)
             * @enum {string}
             */
            status?: "finished" | "failed" | "killed";
            name?: string;
            /** @description Replaces the notes (markdown) */
            notes?: string;
            tags?: components["schemas"]["TagsPatchInput"];
            /** @description With status "failed": what went wrong (the message and stack), shown on the run page */
            error?: string;
        };
        RunArtifactList: {
            runId: string;
            items: components["schemas"]["RunArtifact"][];
        };
        RunEvaluations: {
            runId: string;
            items: components["schemas"]["Evaluation"][];
        };
        Evaluation: {
            id: string;
            experimentId: string | null;
            trialId: string | null;
            /** @description The stored model evaluated, when there is one */
            artifactId: string | null;
            /** @enum {string} */
            split: "test" | "validation";
            /** @description The dataset evaluated on; null for an evaluation logged from code by a run without a `dataset` parameter */
            datasetKey: string | null;
            classNames: string[];
            accuracy: number;
            loss: number | null;
            /** @description counts[true][predicted] */
            confusionMatrix: number[][];
            perClass: {
                precision: number;
                recall: number;
                f1: number;
                /** @description True instances of the class */
                support: number;
                className: string;
            }[];
            macroAvg: {
                precision: number;
                recall: number;
                f1: number;
                /** @description True instances of the class */
                support: number;
            };
            weightedAvg: {
                precision: number;
                recall: number;
                f1: number;
                /** @description True instances of the class */
                support: number;
            };
            topConfusions: {
                trueClass: string;
                predictedClass: string;
                count: number;
            }[];
            samplePredictions: components["schemas"]["SamplePrediction"][];
            createdAt: string;
        };
        SamplePrediction: {
            /** @description Index in the split; the image is at /datasets/{key}/images/{split}/{index}.png */
            index: number;
            trueLabel: number;
            predictedLabel: number;
            /** @description Probability of the predicted class */
            confidence: number;
            probabilities: number[];
        };
        LogEvaluationRequestInput: {
            /** @description The label of each class index, in order */
            classNames: string[];
            /** @description counts[true][predicted]: as many rows as class names, each with as many counts */
            confusionMatrix: number[][];
            /**
             * @description 'test' (default): a held-out test set; 'validation': a validation set
             * @default test
             * @enum {string}
             */
            split?: "test" | "validation";
            /** @description The loss on the same images, when known */
            loss?: number | null;
        };
        LogResponse: {
            runId: string;
            points: number;
            /** @enum {string} */
            status: "queued" | "running" | "paused" | "waiting" | "stopped" | "completed" | "failed" | "cancelled";
            lastSeenAt: string;
        };
        LogRequestInput: {
            metrics?: components["schemas"]["MetricPointInput"][];
            params?: {
                [key: string]: unknown;
            };
            tags?: components["schemas"]["TagsInput"];
        };
        MetricPointInput: {
            key: string;
            value: components["schemas"]["MetricValueInput"];
            step: number;
            /** @description 0-based fold; omitted: the run as a whole */
            fold?: number;
            /** @description Wall time in milliseconds since the epoch; omitted: when the server received it */
            timestamp?: number;
        };
        MetricValueInput: number | ("NaN" | "Infinity" | "-Infinity");
        RunMetrics: {
            runId: string;
            series: components["schemas"]["MetricSeries"][];
        };
        MetricSeries: {
            key: string;
            fold: number | null;
            count: number;
            downsampled: boolean;
            points: {
                step: number;
                value: components["schemas"]["MetricValue"];
                time: string;
            }[];
        };
        ApiToken: {
            id: string;
            name: string;
            /** @description The first 8 characters of the value */
            prefix: string;
            /** @description Project slug; null: instance-wide */
            project: string | null;
            /**
             * @description 'read': GET only; 'write': read and write, within the owner's role
             * @enum {string}
             */
            scope: "read" | "write";
            expiresAt: string | null;
            /** @description Updated at most once a minute */
            lastUsedAt: string | null;
            revokedAt: string | null;
            createdAt: string;
        };
        TrashList: {
            /** @description Newest deletion first */
            items: components["schemas"]["TrashItem"][];
            retentionDays: number;
        };
        TrashItem: {
            /** @enum {string} */
            kind: "experiment" | "run";
            id: string;
            /** @description The experiment's name, or the run's name (its experiment's name and number when it has none) */
            name: string;
            /** @description The experiment itself, or the run's experiment */
            experimentId: string;
            deletedAt: string;
            /** @description When the retention sweep purges it (deletedAt + ATELIER_TRASH_RETENTION_DAYS) */
            purgeAfter: string;
        };
        PurgeResult: {
            /** @enum {string} */
            kind: "experiment" | "run";
            id: string;
            /** @description Runs removed with it (1 for a run) */
            runs: number;
            /** @description Run folders removed from the artifact store */
            files: number;
        };
        TrialEvaluations: {
            trialId: string;
            /** @description 'validation' first, then 'test'; newest first within a split */
            items: components["schemas"]["Evaluation"][];
        };
        ModelArtifactList: {
            trialId: string;
            /** @description Newest first */
            items: components["schemas"]["ModelArtifact"][];
        };
        ProjectUsage: {
            /** @description Everything, the trash included */
            total: components["schemas"]["StorageTally"];
            /** @description What the items in the trash hold: what purging them (or the sweep) frees */
            trash: components["schemas"]["StorageTally"];
            /** @description The experiments holding the most bytes (models and files), then the most metric points: at most 50 */
            experiments: {
                runs: number;
                /** @description Rows of metric series (every fold and key, every step) */
                metricPoints: number;
                evaluations: number;
                models: number;
                /** @description Stored models, in the database */
                modelBytes: number;
                files: number;
                /** @description Run files, in the artifact store (ATELIER_ARTIFACT_DIR) */
                fileBytes: number;
                id: string;
                name: string;
                /** @enum {string} */
                kind: "search" | "tracked";
                deletedAt: string | null;
            }[];
            retentionDays: number;
        };
        StorageTally: {
            experiments: number;
            runs: number;
            /** @description Rows of metric series (every fold and key, every step) */
            metricPoints: number;
            evaluations: number;
            models: number;
            /** @description Stored models, in the database */
            modelBytes: number;
            files: number;
            /** @description Run files, in the artifact store (ATELIER_ARTIFACT_DIR) */
            fileBytes: number;
        };
        UserAccount: {
            id: string;
            email: string;
            name: string;
            isAdmin: boolean;
            createdAt: string;
            disabledAt: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    architecturesList: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every architecture */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchitectureSummary"][];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    architecturesCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateArchitectureRequestInput"];
            };
        };
        responses: {
            /** @description The stored architecture */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchitectureSummary"];
                };
            };
            /** @description Invalid request or a stack that cannot be built */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The key is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    architecturesSummarize: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArchitectureSummaryRequestInput"];
            };
        };
        responses: {
            /** @description Per-layer output shapes and parameter counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchitectureLayout"];
                };
            };
            /** @description The stack cannot be built (e.g. a pooling that shrinks its input below 1×1) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    authSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionInfo"];
                };
            };
            /** @description No credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    authSetupStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Set-up status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description True while no user exists: POST /auth/setup creates the first admin */
                        needsSetup: boolean;
                    };
                };
            };
        };
    };
    authSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                    name: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description The first admin, signed in */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                        csrfToken: string;
                    };
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A user exists already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    authSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                        csrfToken: string;
                    };
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description 'wrong email or password' for an unknown email and a wrong password alike */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Too many attempts for this email or address: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Redis (which counts the attempts) is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    authSignOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    compareGet: {
        parameters: {
            query: {
                /** @description Trial UUIDs, comma-separated, 1..50, from any experiments; duplicates are ignored */
                trials: string | string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trials in the order asked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comparison"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A trial id does not exist (the message names it) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsList: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every dataset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetSummary"][];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset key, e.g. fashion-mnist */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset and its report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The dataset's files are missing or damaged; the message says where the server looked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetLifecycleDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset key, e.g. fashion-mnist */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No dataset has that key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A builtin dataset, or experiments use it (named in the message) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsCorrelation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset key, e.g. fashion-mnist */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description η per pixel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetCorrelation"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The dataset's files are missing or damaged; the message says where the server looked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset key, e.g. fashion-mnist */
                key: string;
                /** @description 'train' or 'test' */
                split: "train" | "test";
                /** @description 0-based index in the split */
                index: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The dataset's files are missing or damaged; the message says where the server looked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsMeanImages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dataset key, e.g. fashion-mnist */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One height × width mean per class */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetMeanImages"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The dataset's files are missing or damaged; the message says where the server looked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsSamples: {
        parameters: {
            query?: {
                /** @description 'train' or 'test' */
                split?: "train" | "test";
                /** @description How many images (1..200) */
                count?: number;
                /** @description Same seed, same images */
                seed?: number;
                /** @description Sample from this class only */
                label?: number;
            };
            header?: never;
            path: {
                /** @description Dataset key, e.g. fashion-mnist */
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Indices, labels and image paths */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetSamples"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The dataset's files are missing or damaged; the message says where the server looked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    datasetsImport: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored dataset */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetSummary"];
                };
            };
            /** @description A field or a file is invalid: the message names the file and the problem */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The key is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A file is larger than DATASET_UPLOAD_MAX_MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The files are valid but the data has warnings and acknowledgeWarnings was not true: nothing was stored */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetImportNeedsConfirmation"];
                };
            };
            /** @description ATELIER_MAX_CONCURRENT_IMPORTS imports are running in this API process: nothing was read or stored; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsList: {
        parameters: {
            query?: {
                /** @description Only this project (default: every project you can read) */
                project?: string;
                /** @description Experiments per page, 1..500 */
                limit?: number;
                /** @description Experiments skipped before the page */
                offset?: number;
                /** @description Column to sort by. name is case-insensitive; status follows the lifecycle (queued, running, paused, completed, failed, cancelled); dataset is the dataset's key; bestValAccuracy is the best trial's mean validation accuracy (the recorded best trial once the search finished, else the current leader). Experiments without a value (no scored trial, not finished) sort last in both orders; ties by createdAt (newest first), then id. */
                sort?: "createdAt" | "name" | "status" | "dataset" | "trialCount" | "bestValAccuracy" | "finishedAt";
                /** @description Sort direction. Absent: asc for name, status and dataset; desc for createdAt, finishedAt, trialCount and bestValAccuracy */
                order?: "asc" | "desc";
                /** @description Only experiments in one of these statuses (comma-separated, or the key repeated) */
                status?: string | string[];
                /** @description Only experiments on this dataset (its key, e.g. 'fashion-mnist') */
                dataset?: string;
                /** @description Only experiments searching this way */
                strategy?: "grid" | "random" | "asha" | "hyperband" | "tpe";
                /** @description Only experiments whose name or description contains this text, ignoring case (trimmed; at most 200 characters; empty: no filter) */
                q?: string;
                /** @description `archived`: list archived rows too (each has its archivedAt); absent: archived rows are left out */
                include?: "archived";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of experiments and the total count */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentList"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExperimentRequestInput"];
            };
        };
        responses: {
            /** @description The created experiment, every trial queued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The queue (Redis) is unreachable; nothing was stored */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The search with its summaries and first trials, or the tracked experiment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnyExperimentDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentLifecycleTrash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment or run (or it is in the trash) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateExperimentRequestInput"];
            };
        };
        responses: {
            /** @description The experiment, as GET /experiments/{id} answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnyExperimentDetail"];
                };
            };
            /** @description A field is invalid (the message names it), a search's name is too long, or the tags would pass the limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The new name is that of another tracked experiment of the project (POST /runs finds them by name) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentLifecycleArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment or run (or it is in the trash) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment, cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The experiment already finished */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsEvents: {
        parameters: {
            query?: {
                /** @description The id of the last event received; the same as the Last-Event-ID header (the header wins) */
                lastEventId?: string;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of progress events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ProgressEvent"];
                };
            };
            /** @description Last-Event-ID is not an event id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    leaderboardGet: {
        parameters: {
            query?: {
                /** @description Rows (and the view's points) returned, best first; importance always uses every score */
                limit?: number;
                /** @description ASHA: the rung whose scores the view (importance, parallel coordinates) uses; defaults to the first, which every trial has */
                rung?: number;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking and parameter importance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Leaderboard"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A tracked experiment (runs logged from code) has no search; the message points to GET /runs?experiment=<id> */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsMetrics: {
        parameters: {
            query?: {
                /** @description Trial numbers (comma-separated, at most 200); every trial when absent */
                trials?: string;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Epoch curves, by trial number then fold; NaN and ±Infinity values as "NaN", "Infinity", "-Infinity" */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentMetrics"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A tracked experiment (runs logged from code) has no search; the message points to GET /runs?experiment=<id> */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsOverview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment, its listed trials and totals over the rest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentOverview"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A tracked experiment (runs logged from code) has no search; the message points to GET /runs?experiment=<id> */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsPause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment, paused */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The experiment is not queued or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsRefit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The refit job was queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefitQueued"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The search is running, has no scored trial, or its best trial is refit (or being refit) already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The queue (Redis) is unreachable; nothing was queued */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment, queued or running again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The experiment is not paused */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The queue (Redis) is unreachable; the experiment stays paused */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialTablePage: {
        parameters: {
            query?: {
                /** @description Rows per page, 1..500 */
                limit?: number;
                offset?: number;
                /** @description A column of the table (number, status, architecture, batchSize, epochs, activation, optimizer, learningRate, momentum, dropout, weightDecay, labelSmoothing, erasingProbability, freezeLayers, parameterCount, meanValAccuracy, stdValAccuracy, meanValLoss, testAccuracy, rung) or a field of the filter language (params.dropout, metrics.val_loss, metrics.val_loss.min, attributes.started); ties by trial number */
                sort?: string;
                order?: "asc" | "desc";
                /** @description The filter language of GET /runs, e.g. params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed' */
                filter?: string;
                /** @description Only trials whose number is one of these (comma-separated) */
                number?: string | string[];
                /** @description Only trials whose status is one of these (comma-separated) */
                status?: string | string[];
                /** @description Only trials whose architecture is one of these (comma-separated) */
                architecture?: string | string[];
                /** @description Only trials whose activation is one of these (comma-separated) */
                activation?: string | string[];
                /** @description Only trials whose optimizer is one of these (comma-separated) */
                optimizer?: string | string[];
                /** @description Only trials whose batchSize is one of these (comma-separated) */
                batchSize?: string | string[];
                /** @description Only trials whose epochs is one of these (comma-separated) */
                epochs?: string | string[];
                /** @description Only trials whose learningRate is one of these (comma-separated) */
                learningRate?: string | string[];
                /** @description Only trials whose momentum is one of these (comma-separated) */
                momentum?: string | string[];
                /** @description Only trials whose dropout is one of these (comma-separated) */
                dropout?: string | string[];
                /** @description Only trials whose weightDecay is one of these (comma-separated) */
                weightDecay?: string | string[];
                /** @description Only trials whose labelSmoothing is one of these (comma-separated) */
                labelSmoothing?: string | string[];
                /** @description Only trials whose erasingProbability is one of these (comma-separated) */
                erasingProbability?: string | string[];
                /** @description Only trials whose freezeLayers is one of these (comma-separated) */
                freezeLayers?: string | string[];
                /** @description Only trials with number ≥ this */
                "number.min"?: string;
                /** @description Only trials with number ≤ this */
                "number.max"?: string;
                /** @description Only trials with batchSize ≥ this */
                "batchSize.min"?: string;
                /** @description Only trials with batchSize ≤ this */
                "batchSize.max"?: string;
                /** @description Only trials with epochs ≥ this */
                "epochs.min"?: string;
                /** @description Only trials with epochs ≤ this */
                "epochs.max"?: string;
                /** @description Only trials with learningRate ≥ this */
                "learningRate.min"?: string;
                /** @description Only trials with learningRate ≤ this */
                "learningRate.max"?: string;
                /** @description Only trials with momentum ≥ this */
                "momentum.min"?: string;
                /** @description Only trials with momentum ≤ this */
                "momentum.max"?: string;
                /** @description Only trials with dropout ≥ this */
                "dropout.min"?: string;
                /** @description Only trials with dropout ≤ this */
                "dropout.max"?: string;
                /** @description Only trials with weightDecay ≥ this */
                "weightDecay.min"?: string;
                /** @description Only trials with weightDecay ≤ this */
                "weightDecay.max"?: string;
                /** @description Only trials with labelSmoothing ≥ this */
                "labelSmoothing.min"?: string;
                /** @description Only trials with labelSmoothing ≤ this */
                "labelSmoothing.max"?: string;
                /** @description Only trials with erasingProbability ≥ this */
                "erasingProbability.min"?: string;
                /** @description Only trials with erasingProbability ≤ this */
                "erasingProbability.max"?: string;
                /** @description Only trials with freezeLayers ≥ this */
                "freezeLayers.min"?: string;
                /** @description Only trials with freezeLayers ≤ this */
                "freezeLayers.max"?: string;
                /** @description Only trials with parameterCount ≥ this */
                "parameterCount.min"?: string;
                /** @description Only trials with parameterCount ≤ this */
                "parameterCount.max"?: string;
                /** @description Only trials with meanValAccuracy ≥ this */
                "meanValAccuracy.min"?: string;
                /** @description Only trials with meanValAccuracy ≤ this */
                "meanValAccuracy.max"?: string;
                /** @description Only trials with stdValAccuracy ≥ this */
                "stdValAccuracy.min"?: string;
                /** @description Only trials with stdValAccuracy ≤ this */
                "stdValAccuracy.max"?: string;
                /** @description Only trials with meanValLoss ≥ this */
                "meanValLoss.min"?: string;
                /** @description Only trials with meanValLoss ≤ this */
                "meanValLoss.max"?: string;
                /** @description Only trials with testAccuracy ≥ this */
                "testAccuracy.min"?: string;
                /** @description Only trials with testAccuracy ≤ this */
                "testAccuracy.max"?: string;
                /** @description Only trials with rung ≥ this */
                "rung.min"?: string;
                /** @description Only trials with rung ≤ this */
                "rung.max"?: string;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page and the total count */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrialTable"];
                };
            };
            /** @description A query parameter, the filter or the sort is invalid (the filter and sort with the position of the problem) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A tracked experiment (runs logged from code) has no search; the message points to GET /runs?experiment=<id> */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialTableCsv: {
        parameters: {
            query?: {
                /** @description Rows per page, 1..500 */
                limit?: number;
                offset?: number;
                /** @description A column of the table (number, status, architecture, batchSize, epochs, activation, optimizer, learningRate, momentum, dropout, weightDecay, labelSmoothing, erasingProbability, freezeLayers, parameterCount, meanValAccuracy, stdValAccuracy, meanValLoss, testAccuracy, rung) or a field of the filter language (params.dropout, metrics.val_loss, metrics.val_loss.min, attributes.started); ties by trial number */
                sort?: string;
                order?: "asc" | "desc";
                /** @description The filter language of GET /runs, e.g. params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed' */
                filter?: string;
                /** @description Only trials whose number is one of these (comma-separated) */
                number?: string | string[];
                /** @description Only trials whose status is one of these (comma-separated) */
                status?: string | string[];
                /** @description Only trials whose architecture is one of these (comma-separated) */
                architecture?: string | string[];
                /** @description Only trials whose activation is one of these (comma-separated) */
                activation?: string | string[];
                /** @description Only trials whose optimizer is one of these (comma-separated) */
                optimizer?: string | string[];
                /** @description Only trials whose batchSize is one of these (comma-separated) */
                batchSize?: string | string[];
                /** @description Only trials whose epochs is one of these (comma-separated) */
                epochs?: string | string[];
                /** @description Only trials whose learningRate is one of these (comma-separated) */
                learningRate?: string | string[];
                /** @description Only trials whose momentum is one of these (comma-separated) */
                momentum?: string | string[];
                /** @description Only trials whose dropout is one of these (comma-separated) */
                dropout?: string | string[];
                /** @description Only trials whose weightDecay is one of these (comma-separated) */
                weightDecay?: string | string[];
                /** @description Only trials whose labelSmoothing is one of these (comma-separated) */
                labelSmoothing?: string | string[];
                /** @description Only trials whose erasingProbability is one of these (comma-separated) */
                erasingProbability?: string | string[];
                /** @description Only trials whose freezeLayers is one of these (comma-separated) */
                freezeLayers?: string | string[];
                /** @description Only trials with number ≥ this */
                "number.min"?: string;
                /** @description Only trials with number ≤ this */
                "number.max"?: string;
                /** @description Only trials with batchSize ≥ this */
                "batchSize.min"?: string;
                /** @description Only trials with batchSize ≤ this */
                "batchSize.max"?: string;
                /** @description Only trials with epochs ≥ this */
                "epochs.min"?: string;
                /** @description Only trials with epochs ≤ this */
                "epochs.max"?: string;
                /** @description Only trials with learningRate ≥ this */
                "learningRate.min"?: string;
                /** @description Only trials with learningRate ≤ this */
                "learningRate.max"?: string;
                /** @description Only trials with momentum ≥ this */
                "momentum.min"?: string;
                /** @description Only trials with momentum ≤ this */
                "momentum.max"?: string;
                /** @description Only trials with dropout ≥ this */
                "dropout.min"?: string;
                /** @description Only trials with dropout ≤ this */
                "dropout.max"?: string;
                /** @description Only trials with weightDecay ≥ this */
                "weightDecay.min"?: string;
                /** @description Only trials with weightDecay ≤ this */
                "weightDecay.max"?: string;
                /** @description Only trials with labelSmoothing ≥ this */
                "labelSmoothing.min"?: string;
                /** @description Only trials with labelSmoothing ≤ this */
                "labelSmoothing.max"?: string;
                /** @description Only trials with erasingProbability ≥ this */
                "erasingProbability.min"?: string;
                /** @description Only trials with erasingProbability ≤ this */
                "erasingProbability.max"?: string;
                /** @description Only trials with freezeLayers ≥ this */
                "freezeLayers.min"?: string;
                /** @description Only trials with freezeLayers ≤ this */
                "freezeLayers.max"?: string;
                /** @description Only trials with parameterCount ≥ this */
                "parameterCount.min"?: string;
                /** @description Only trials with parameterCount ≤ this */
                "parameterCount.max"?: string;
                /** @description Only trials with meanValAccuracy ≥ this */
                "meanValAccuracy.min"?: string;
                /** @description Only trials with meanValAccuracy ≤ this */
                "meanValAccuracy.max"?: string;
                /** @description Only trials with stdValAccuracy ≥ this */
                "stdValAccuracy.min"?: string;
                /** @description Only trials with stdValAccuracy ≤ this */
                "stdValAccuracy.max"?: string;
                /** @description Only trials with meanValLoss ≥ this */
                "meanValLoss.min"?: string;
                /** @description Only trials with meanValLoss ≤ this */
                "meanValLoss.max"?: string;
                /** @description Only trials with testAccuracy ≥ this */
                "testAccuracy.min"?: string;
                /** @description Only trials with testAccuracy ≤ this */
                "testAccuracy.max"?: string;
                /** @description Only trials with rung ≥ this */
                "rung.min"?: string;
                /** @description Only trials with rung ≤ this */
                "rung.max"?: string;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The filter or the sort is invalid (with the position of the problem) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A tracked experiment (runs logged from code) has no search; the message points to GET /runs?experiment=<id> */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentLifecycleUnarchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment or run (or it is in the trash) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    experimentsPlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExperimentRequestInput"];
            };
        };
        responses: {
            /** @description The size of the search */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentPlan"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    healthCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PostgreSQL and Redis answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description PostgreSQL or Redis does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    healthLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process serves requests */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
        };
    };
    metricsScrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    modelsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model artifact */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelArtifact"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    modelsDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The zip, named <experiment>-trial-<n>.zip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    modelsCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model card as JSON */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No model has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    modelsOnnx: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The .onnx file, named <experiment>-<run name or trial-n>-<model id>.onnx */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No model has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The model is a file in the artifact store, not a stored model */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The model has no ONNX form: a KNN baseline, or a layer the export does not translate (the message names it) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    modelsPredict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PredictRequestInput"];
            };
        };
        responses: {
            /** @description Class probabilities, most probable first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Prediction"];
                };
            };
            /** @description The image or the pixels cannot be read: the message says why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The upload is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Projects */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"][];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A project's short name, in URLs */
                    slug: string;
                    name: string;
                };
            };
        };
        responses: {
            /** @description The project (you own it) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The slug is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description It still holds experiments, datasets, architectures or models */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsRename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description The project */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsAudit: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["AuditEvent"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectMember"][];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsAddMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                    /**
                     * @description owner: members, settings, purge, delete; editor: launch, log, edit; viewer: read
                     * @enum {string}
                     */
                    role: "owner" | "editor" | "viewer";
                };
            };
        };
        responses: {
            /** @description The membership */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectMember"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No user has this email */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The project would have no owner left */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsRemoveMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
                /** @description A UUID identifying a stored record */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Removing someone else needs the owner role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The project would have no owner left */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    projectsUpdateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A project's short name, in URLs */
                slug: string;
                /** @description A UUID identifying a stored record */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description owner: members, settings, purge, delete; editor: launch, log, edit; viewer: read
                     * @enum {string}
                     */
                    role: "owner" | "editor" | "viewer";
                };
            };
        };
        responses: {
            /** @description The membership */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectMember"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The project would have no owner left */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryList: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Registered models by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredModelList"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRegisteredModelRequestInput"];
            };
        };
        responses: {
            /** @description The registered model, with no versions yet */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredModelSummary"];
                };
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryGet: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registered model; versions newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredModelDetail"];
                };
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No registered model has this name */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registrySetAlias: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description An alias such as 'production': 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                alias: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetModelAliasRequestInput"];
            };
        };
        responses: {
            /** @description The alias as it now is */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelAlias"];
                };
            };
            /** @description A bad name or alias, or a version of another registered model */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryDeleteAlias: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description An alias such as 'production': 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                alias: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model or alias */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryDownloadAlias: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description An alias such as 'production': 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                alias: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The zip, named <name>-v<version>.zip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No registered model has this name */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryAliasHistory: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description An alias such as 'production': 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                alias: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Moves oldest first; fromVersion null = created, toVersion null = deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelAliasHistory"];
                };
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model, or it never had this alias */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryPredictAlias: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description An alias such as 'production': 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                alias: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PredictRequestInput"];
            };
        };
        responses: {
            /** @description Class probabilities, most probable first, and the version that answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredPrediction"];
                };
            };
            /** @description A bad reference, or an image that cannot be read: the message says why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model, alias or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The upload is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryAddVersion: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateModelVersionRequestInput"];
            };
        };
        responses: {
            /** @description The new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model, model or run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run has no stored model, or several (then register one by modelId) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryDeleteVersion: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description A version number, 1 for the first version registered under the name */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description An alias points at it: move or delete the alias first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryDownloadVersion: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description A version number, 1 for the first version registered under the name */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The zip, named <name>-v<version>.zip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The name, alias or version is not valid: the message gives the rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No registered model has this name */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    registryPredictVersion: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path: {
                /** @description The registered model's name: 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit */
                name: string;
                /** @description A version number, 1 for the first version registered under the name */
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PredictRequestInput"];
            };
        };
        responses: {
            /** @description Class probabilities, most probable first, and the version that answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredPrediction"];
                };
            };
            /** @description A bad reference, or an image that cannot be read: the message says why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such registered model, alias or version */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The upload is larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsList: {
        parameters: {
            query?: {
                /** @description Only this project (default: every project you can read) */
                project?: string;
                /** @description Experiment id or name */
                experiment?: string;
                /** @description e.g. params.optimizer = 'adam' and metrics.val_accuracy > 0.9 and tags.team = 'vision' */
                filter?: string;
                /** @description A field, optionally followed by asc or desc: "metrics.val_accuracy desc" */
                sort?: string;
                limit?: number;
                cursor?: string;
                /** @description `archived`: list archived rows too (each has its archivedAt); absent: archived rows are left out */
                include?: "archived";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs and the number that match */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunList"];
                };
            };
            /** @description The filter, the sort or the cursor is invalid (with the position of the problem) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No experiment has that id or name */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRunRequestInput"];
            };
        };
        responses: {
            /** @description The run */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description A parameter, tag or field is invalid; the message names it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The name is that of a search */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runLifecycleTrash: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment or run (or it is in the trash) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run is a search's trial: delete the experiment instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRunRequestInput"];
            };
        };
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetail"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run ended already with another status, or is a search trial (whose status follows its search) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runLifecycleArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment or run (or it is in the trash) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runArtifactsList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the run */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Files and models of the run, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunArtifactList"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runArtifactsUpload: {
        parameters: {
            query?: {
                /** @description Replace artifacts of the same names instead of answering 409 */
                overwrite?: "0" | "1" | "true" | "false";
            };
            header?: never;
            path: {
                /** @description UUID of the run */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored artifacts, in the order of the request */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunArtifactList"];
                };
            };
            /** @description A name is invalid or given twice, a field is unexpected, or the body is not multipart */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run already has an artifact of that name and overwrite was not asked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A file is larger than ATELIER_ARTIFACT_MAX_BYTES; nothing was stored */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runArtifactsDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the run */
                id: string;
                /** @description UUID of the artifact */
                artifactId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the Content-Type they were uploaded with */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsListEvaluations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 'validation' first, then 'test'; newest first within a split */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunEvaluations"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsLogEvaluation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogEvaluationRequestInput"];
            };
        };
        responses: {
            /** @description The stored evaluation */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Evaluation"];
                };
            };
            /** @description The matrix is not square over the class names, a count is negative or fractional, or a class name is missing or repeated */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run is a search's trial, which the workers evaluate */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsEvents: {
        parameters: {
            query?: {
                /** @description The id of the last event received; the same as the Last-Event-ID header (the header wins) */
                lastEventId?: string;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of progress events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ProgressEvent"];
                };
            };
            /** @description Last-Event-ID is not an event id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsLog: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogRequestInput"];
            };
        };
        responses: {
            /** @description The whole batch was stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogResponse"];
                };
            };
            /** @description A point, parameter or tag is invalid; the message names its index or key. Nothing was stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run has ended, is a search trial, or a parameter was logged before with another value. Nothing was stored */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description More than 1000 points. Nothing was stored */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runsMetrics: {
        parameters: {
            query?: {
                /** @description Comma-separated metric keys; omitted: every key */
                keys?: string;
                /** @description At most this many points per series, keeping its shape, minimum and maximum; omitted: every point, up to 100000 */
                points?: number;
            };
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The series */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunMetrics"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such run */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description PostgreSQL is unreachable; nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runArtifactsUploadModel: {
        parameters: {
            query?: {
                /** @description Key of the dataset the model classifies (e.g. fashion-mnist); default: the run's `dataset` parameter */
                dataset?: string;
                /** @description Name of the model artifact within the run; default "model" */
                name?: string;
                /** @description Replace an artifact of the same name instead of answering 409 */
                overwrite?: "0" | "1" | "true" | "false";
            };
            header?: never;
            path: {
                /** @description UUID of the run */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model artifact; its id works with /models/{id} */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunArtifact"];
                };
            };
            /** @description Not a layers model, weights and manifest differ, no dataset, or predictions could not work */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The run already has an artifact of that name and overwrite was not asked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The model is larger than ATELIER_MODEL_UPLOAD_MAX_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    runLifecycleUnarchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such experiment or run (or it is in the trash) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    tokensList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiToken"][];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    tokensCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description The one project the token acts in; null: instance-wide (instance admins only) */
                    project: string | null;
                    /**
                     * @description 'read': GET only; 'write': read and write, within the owner's role
                     * @enum {string}
                     */
                    scope: "read" | "write";
                    /** @description Unset: never expires */
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description The token, with its value (shown once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description The first 8 characters of the value */
                        prefix: string;
                        /** @description Project slug; null: instance-wide */
                        project: string | null;
                        /**
                         * @description 'read': GET only; 'write': read and write, within the owner's role
                         * @enum {string}
                         */
                        scope: "read" | "write";
                        expiresAt: string | null;
                        /** @description Updated at most once a minute */
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        createdAt: string;
                        /** @description The value: shown this once, stored only as a hash */
                        token: string;
                    };
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description An instance-wide token needs an instance admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such project (or you are not a member) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    tokensRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID identifying a stored record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No active token of yours has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trashList: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trash */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrashList"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trashPurge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 'experiment' or 'run' */
                kind: "experiment" | "run";
                /** @description UUID of the experiment or run */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurgeResult"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such item, or it is not in the trash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A run trashed with its experiment: purge the experiment */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description It was purged already */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trashRestore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 'experiment' or 'run' */
                kind: "experiment" | "run";
                /** @description UUID of the experiment or run */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item's lifecycle state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleState"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such item, or it is not in the trash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description A run trashed with its experiment (restore the experiment), or another tracked experiment took the experiment's name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description It was purged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trial */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trial"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialsEvaluations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Validation first, then test */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrialEvaluations"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialsFoldMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the trial */
                id: string;
                /** @description 0-based fold index */
                fold: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One row per finished epoch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FoldMetrics"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialsModels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelArtifactList"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    trialsRefit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID of the record */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The refit job was queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefitQueued"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The trial has no cross-validation score yet */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The queue (Redis) is unreachable; nothing was queued */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    usageGet: {
        parameters: {
            query?: {
                /** @description List only this project (default: every project you can read) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectUsage"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    usersList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccount"][];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    usersCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                    name: string;
                    password: string;
                    /** @default false */
                    isAdmin?: boolean;
                };
            };
        };
        responses: {
            /** @description The user */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccount"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description The email is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    usersUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID identifying a stored record */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    disabled?: boolean;
                    isAdmin?: boolean;
                };
            };
        };
        responses: {
            /** @description The user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccount"];
                };
            };
            /** @description Invalid request: the message says what to change */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No credentials, or an invalid, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Signed in, but the role or the token scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description No such record */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description Disabling or demoting yourself */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
}
