import { Module } from '@nestjs/common';
import { DatasetExplorerService } from './dataset-explorer.service';
import { DatasetImportService } from './dataset-import.service';
import { DatasetLoader } from './dataset-loader';
import { DatasetUploadInterceptor } from './dataset-upload.interceptor';
import { DatasetsController } from './datasets.controller';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import { ImportSlots } from './import-slots';

@Module({
  controllers: [DatasetsController],
  providers: [
    DatasetsRepository,
    DatasetsService,
    DatasetLoader,
    DatasetExplorerService,
    DatasetImportService,
    DatasetUploadInterceptor,
    ImportSlots,
  ],
  exports: [DatasetsService],
})
export class DatasetsModule {}
